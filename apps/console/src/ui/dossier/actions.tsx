import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { rememberReceipt } from '../receipt.js';
import { api, type AvailableCommand, type Dossier, type ServiceDefinition } from '../api.js';
import { ActionForm, type ActionSpec } from './action-form.js';
import { Migration } from './migration.js';
import { BASE, useSession } from '../session.js';
import { FeeAssessmentForm } from '../fee-form.js';
import { useLang } from '../i18n.js';

/** What the signed-in officer may do now, as the server answers, and a supervisor's reassignment. */

/** Why an officer at the step's desk is offered nothing: a duty they did earlier on this dossier. */
const SEPARATED = { review: 'separatedReview', decision: 'separatedDecision', signature: 'separatedSignature' } as const;

/**
 * How the page offers each command the server lists (`available`, computed by
 * the domain's availableCommands next to the decider): the button's words, the
 * route, what the form asks and whether it needs a confirmation. Which commands
 * an officer gets is never decided here.
 */
function actionFor(c: AvailableCommand, d: Dossier, definition: ServiceDefinition | undefined): ActionSpec | undefined {
  const tax = definition?.fee?.kind === 'tax';
  const body = { desk: c.desk };
  const stepOf = (id: string) => definition?.steps.find((s) => s.id === id);
  switch (c.type) {
    case 'SendBack':
      // Issue 23: back to an earlier desk, the nearest first; the reasons go to that desk.
      return {
        key: 'sendBack',
        path: 'send-back',
        body,
        fields: ['toStep', 'reasons'],
        steps: (c.toSteps ?? []).map((id) => ({ id, label: stepOf(id)?.label ?? { id, en: id } })),
        confirm: 'confirmSendBack',
      };
    case 'RepairStep':
      // A supervisor's repair: any step of the dossier's definition, its own to repeat it; the decider says where it may not go.
      return {
        key: 'repairStep',
        path: 'repair',
        fields: ['toStep', 'reason'],
        reasonMin: 10,
        steps: (definition?.steps ?? [])
          .filter((s) => s.kind !== 'handover')
          .map((s) => ({ id: s.id, label: s.label, ...(s.id === d.step?.id ? { note: 'repeatThisStep' as const } : {}) })),
        confirm: 'confirmRepair',
        danger: true,
      };
    case 'ReleaseDossier':
      return { key: 'release', path: 'release', body };
    case 'CompleteStep':
      return c.outcome === 'reject'
        ? // At a review, rejecting is a recommendation: the decision desk rejects (D6).
          {
            key: 'recommendReject',
            path: 'complete',
            body: { ...body, outcome: 'reject' },
            fields: ['reasons'],
            confirm: 'confirmRecommendReject',
            danger: true,
          }
        : { key: 'forward', path: 'complete', body: { ...body, outcome: 'forward' }, confirm: 'confirmForward' };
    case 'ReturnForCorrection':
      return { key: 'returnForCorrection', path: 'return', body, fields: ['reasons'] };
    case 'RecordRecommendation':
      return c.positive
        ? { key: 'recommendPositive', path: 'recommendation', body: { ...body, positive: true }, fields: ['noteRequired'] }
        : { key: 'recommendNegative', path: 'recommendation', body: { ...body, positive: false }, fields: ['noteRequired'] };
    case 'AssessFee':
      // A tax (pajak reklame) is assessed and billed as an SKPD, a levy as an SKRD.
      return { key: tax ? 'assessTax' : 'assessFee', path: 'fee', form: 'fee' };
    case 'RecordPayment':
      // Real money: what is recorded is read back before it is (issue 20: Rp 187,500,000 went in with one click).
      return { key: 'recordPayment', path: 'payments', fields: ['reference', 'amount', 'channel'], confirm: 'confirmPayment' };
    case 'CorrectPayment':
      return {
        key: 'correctPayment',
        path: 'payments/correction',
        fields: ['payment', 'correctedAmount', 'reason'],
        reasonMin: 10,
        confirm: 'confirmCorrectPayment',
        danger: true,
      };
    case 'CancelFeeAssessment':
      return { key: 'cancelSkrd', path: 'fee/cancel', fields: ['reason'], reasonMin: 10, confirm: 'confirmCancelSkrd', danger: true };
    case 'ApproveDossier':
      return { key: 'approve', path: 'approve', fields: ['note'], confirm: 'confirmApprove' };
    case 'RejectDossier':
      return { key: 'reject', path: 'reject', fields: ['reasons'], confirm: 'confirmReject', danger: true };
    case 'SignPermit':
      return { key: 'sign', path: 'sign', body: {}, confirm: 'confirmSign' };
    case 'IssuePermit':
      return { key: 'issue', path: 'issue', body: {}, confirm: 'confirmIssue' };
    case 'HandOverPermit':
      return { key: 'handOver', path: 'handover', fields: ['receivedBy'] };
    case 'ResubmitCorrections':
      return { key: 'resubmit', path: 'resubmit', fields: ['noteRequired'] };
    case 'WithdrawDossier':
      return { key: 'withdraw', path: 'withdraw', fields: ['reason'], confirm: 'confirmWithdraw', danger: true };
    case 'ScheduleInspection':
      return { key: 'scheduleInspection', path: 'inspection', body, fields: ['scheduledFor', 'inspector', 'note'] };
    case 'RecordInspection':
      return { key: 'recordInspection', path: 'inspection-report', body, fields: ['inspectionResult', 'reportNumber', 'findings'] };
    case 'ReprintReceipt':
      return { key: 'reprintReceipt', path: 'receipt', fields: ['reason'], reasonMin: 10 };
    case 'RevokePermit':
      return { key: 'revoke', path: 'revoke', fields: ['reason'], reasonMin: 10, confirm: 'confirmRevoke', danger: true };
    case 'RefundDeposit':
      // Money out: read back before it is recorded, like a payment.
      return {
        key: 'refundDeposit',
        path: 'deposit-refund',
        fields: ['reference', 'reason'],
        reasonMin: 10,
        referenceLabel: 'refundReference',
        confirm: 'confirmRefundDeposit',
      };
    default:
      // A command this console does not know how to offer yet: nothing rather than a wrong button.
      return undefined;
  }
}

export function Actions(props: {
  d: Dossier;
  definition: ServiceDefinition | undefined;
  onDone: (msg: string, version: number) => void;
  /** A command is on its way: an earlier "saved" no longer describes the page. */
  onStart: () => void;
  onError: (msg: string) => void;
}) {
  const { t, failure } = useLang();
  const { officer, names } = useSession();
  const { route } = useLocation();
  const { d } = props;
  const can = d.available;
  const claim = can.commands.find((c) => c.type === 'ClaimDossier');
  const actions = can.commands.map((c) => actionFor(c, d, props.definition)).filter((a): a is ActionSpec => !!a);
  const [open, setOpen] = useState<ActionSpec | null>(null);
  // One idempotency key per opened form: a double click or a retry cannot act twice.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const run = async (path: string, body: Record<string, unknown>) => {
    setBusy(true);
    props.onStart();
    try {
      const r = await api<{ version: number; pin?: string }>('POST', `/dossiers/${d.dossierId}/${path}`, body, {
        'If-Match': `"${d.version}"`,
        'Idempotency-Key': key,
      });
      setOpen(null);
      setKey(crypto.randomUUID());
      if (path === 'receipt' && r.data.pin) {
        // The same receipt, marked as printed again, with who and why.
        rememberReceipt({
          dossierId: d.dossierId,
          registrationNumber: d.registrationNumber,
          pin: r.data.pin,
          service: d.service.name,
          applicant: d.applicant.name,
          requirements: (props.definition?.requirements ?? []).filter((q) => (d.requirements ?? []).includes(q.code)).map((q) => q.label),
          registeredAt: d.registeredAt,
          dueAt: d.due.dueAt,
          provisional: d.due.provisional,
          reprint: { at: new Date().toISOString(), by: officer?.name ?? '', reason: String(body.reason ?? '') },
        });
        route(`${BASE}/tanda-terima`);
        return;
      }
      props.onDone(t('done'), r.data.version);
    } catch (e) {
      props.onError(failure(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card sticky" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('actions')}</h2>
      {can.heldBy && <p>{t('heldBy') + ': ' + (names.get(can.heldBy) ?? '—')}</p>}
      {can.separatedBy && <p class="notice">{t(SEPARATED[can.separatedBy])}</p>}
      {claim && (
        <button type="button" disabled={busy} onClick={() => run('claim', { desk: claim.desk })}>
          {t('claim')}
        </button>
      )}
      {actions.length > 0 && !open && (
        <div class="action-list">
          {actions.map((a) => (
            <button
              key={a.key}
              type="button"
              class={a.danger ? 'danger' : a.key === 'release' ? 'secondary' : ''}
              disabled={busy}
              onClick={() => (a.fields || a.confirm || a.form ? setOpen(a) : run(a.path, a.body ?? {}))}
            >
              {t(a.key)}
            </button>
          ))}
        </div>
      )}
      {!can.desk && can.commands.length === 0 && officer.role !== 'supervisor' && officer.role !== 'admin' && <p>{t('noActions')}</p>}
      {(officer.role === 'supervisor' || officer.role === 'admin') && d.lifecycle === 'in-process' && d.step && (
        <>
          <Supervision d={d} busy={busy} run={run} />
          <Migration d={d} busy={busy} run={run} />
        </>
      )}
      {open?.form === 'fee' && (
        <FeeAssessmentForm
          d={d}
          definition={props.definition}
          busy={busy}
          onCancel={() => setOpen(null)}
          onSubmit={(body) => run(open.path, body)}
        />
      )}
      {open && !open.form && (
        <ActionForm
          spec={open}
          d={d}
          busy={busy}
          onCancel={() => setOpen(null)}
          onSubmit={(body) => run(open.path, { ...(open.body ?? {}), ...body })}
        />
      )}
    </section>
  );
}

function Supervision({ d, busy, run }: { d: Dossier; busy: boolean; run: (path: string, body: Record<string, unknown>) => Promise<void> }) {
  const { t, tx } = useLang();
  const { colleagues, names, deskNames } = useSession();
  return (
    <div class="supervision">
      <h3>{t('supervision')}</h3>
      {d.step!.pendingDesks.map((desk) => {
        const holder = d.holders[desk];
        const candidates = colleagues.filter((c) => c.desks.includes(desk) && c.officerId !== holder);
        return (
          <form
            key={desk}
            class="action-form"
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              void run('reassign', { desk, toOfficerId: String(f.get('to')), reason: String(f.get('reason') ?? '').trim() });
            }}
          >
            <p>
              {t('atDesk')}: {tx(deskNames.get(desk))} · {t('heldBy')}: {holder ? (names.get(holder) ?? '—') : t('nobody')}
            </p>
            <label>
              {t('reassignTo')}
              <select name="to" required>
                {candidates.map((c) => (
                  <option key={c.officerId} value={c.officerId}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('reason')}
              <textarea name="reason" rows={2} required maxLength={500} />
            </label>
            <div class="action-list">
              <button type="submit" disabled={busy || !candidates.length}>
                {t('reassign')}
              </button>
              {holder && (
                <button type="button" class="secondary" disabled={busy} onClick={() => void run('release', { desk })}>
                  {t('releaseFor', { name: names.get(holder) ?? '—' })}
                </button>
              )}
            </div>
          </form>
        );
      })}
    </div>
  );
}

/** What the counter received, against what the service asks for. */
