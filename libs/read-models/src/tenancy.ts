import { DEFAULT_TENANT_CODE } from '#berkas/platform';
import { tenantColumn } from '#berkas/sql';

// Every read-model row belongs to one MPP (issue 23, D54): its `tenant_id`, and every statement on it names the tenant
// or says why it needs not (the guard in libs/sql, `assertTenantScoped`).

export { DEFAULT_TENANT_CODE, tenantColumn };
