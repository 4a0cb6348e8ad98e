#!/usr/bin/env bash
# Walks one PBG dossier through every desk of a running `npm start`, as
# docs/api.md describes, printing the public view along the way. Each officer
# logs in once; the first call that fails stops the walk with its answer and a
# non-zero status.
# Usage: bash scripts/walkthrough.sh [http://localhost:3000]
set -euo pipefail
BASE=${1:-http://localhost:3000}
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{if(!s)process.exit(1);const v=JSON.parse(s);console.log(process.argv[1].split(".").reduce((o,k)=>o?.[k],v)??"")})' "$1"; }

# call METHOD PATH [BODY] [TOKEN]: prints the body; stops the script on any answer but 2xx.
call() {
  local out status
  out=$(curl -sS -o - -w '\n%{http_code}' -X "$1" "$BASE/api$2" -H 'content-type: application/json' \
    -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" ${4:+-H "authorization: Bearer $4"} ${3:+-d "$3"}) || {
    echo "walkthrough: $1 $2: no answer from $BASE" >&2
    exit 1
  }
  status=${out##*$'\n'}
  out=${out%$'\n'*}
  if [[ $status != 2* ]]; then
    echo "walkthrough: $1 $2 answered $status: $out" >&2
    exit 1
  fi
  printf '%s' "$out"
}
RUN=$(date +%s)-$$
declare -A TOKENS
login() { # officer: logs in once, then reuses the token
  if [[ -z ${TOKENS[$1]:-} ]]; then
    TOKENS[$1]=$(call POST /auth/login "{\"username\":\"$1\",\"password\":\"demo123\"}" | json accessToken)
  fi
}
post() { login "$1"; call POST "$2" "$3" "${TOKENS[$1]}"; }
act() { post "$1" "/dossiers/$ID/claim" '{}' >/dev/null; post "$1" "/dossiers/$ID/$2" "${3:-{\}}"; }
track() { sleep 0.5; call POST /public/tracking "{\"registrationNumber\":\"$REG\",\"pin\":\"$PIN\"}" | json status.id; }

for officer in loket verifikator tpa pupr kasir kabid kadis tu; do login "$officer"; done
RECEIPT=$(post loket /dossiers '{"service":"pbg","applicant":{"name":"Budi Santoso","nik":"3273011508800001","phone":"081234567890"},"requirements":["bukti-tanah","ktp","gambar-arsitektur","gambar-struktur","gambar-mep"],"inputs":{"luas-lantai":120,"indeks-terintegrasi":0.0125}}')
ID=$(echo "$RECEIPT" | json dossierId)
REG=$(echo "$RECEIPT" | json registrationNumber)
PIN=$(echo "$RECEIPT" | json pin)
echo "registered $REG (PIN $PIN) -> $(track)"
act verifikator complete '{"outcome":"forward"}' >/dev/null
echo "verified -> $(track)"
act tpa recommendation '{"positive":true,"note":"Memenuhi standar teknis"}' >/dev/null
act pupr recommendation '{"positive":true,"note":"SPPST terbit"}' >/dev/null
echo "technical review done -> $(track)"
act kasir fee '{}' >/dev/null
echo "SKRD issued -> $(track)"
post kasir "/dossiers/$ID/payments" "{\"reference\":\"BANK-$RUN\",\"amount\":2250000,\"channel\":\"bank\"}" >/dev/null
post kasir "/dossiers/$ID/complete" '{"outcome":"forward"}' >/dev/null
echo "paid -> $(track)"
act kabid approve >/dev/null
echo "approved -> $(track)"
act kadis sign >/dev/null
echo "signed -> $(track)"
act tu issue >/dev/null
echo "issued -> $(track)"
post loket "/dossiers/$ID/handover" '{"receivedBy":"Budi Santoso"}' >/dev/null
echo "handed over -> $(track)"
