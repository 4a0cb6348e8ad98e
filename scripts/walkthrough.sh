#!/usr/bin/env bash
# Walks one PBG dossier through every desk of a running `npm start`, as
# docs/api.md describes, printing the public view along the way.
# Usage: bash scripts/walkthrough.sh [http://localhost:3000]
set -euo pipefail
BASE=${1:-http://localhost:3000}
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(process.argv[1].split(".").reduce((o,k)=>o?.[k],v)??"")})' "$1"; }
login() { curl -sf -X POST "$BASE/api/auth/login" -H 'content-type: application/json' -d "{\"username\":\"$1\",\"password\":\"demo123\"}" | json accessToken; }
post() { # officer path body
  curl -s -X POST "$BASE/api$2" -H "authorization: Bearer $(login "$1")" -H 'content-type: application/json' -d "$3"; echo; }
act() { post "$1" "/dossiers/$ID/claim" '{}' >/dev/null; post "$1" "/dossiers/$ID/$2" "${3:-{\}}"; }
track() { sleep 0.5; curl -s -X POST "$BASE/api/public/tracking" -H 'content-type: application/json' -d "{\"registrationNumber\":\"$REG\",\"pin\":\"$PIN\"}" | json status.id; }

RECEIPT=$(post loket /dossiers '{"service":"pbg","applicant":{"name":"Budi Santoso","nik":"3273011508800001","phone":"081234567890"},"requirements":["bukti-tanah","ktp","gambar-arsitektur","gambar-struktur","gambar-mep"],"inputs":{"luas-lantai":120,"indeks-terintegrasi":0.0125}}')
ID=$(echo "$RECEIPT" | json dossierId); REG=$(echo "$RECEIPT" | json registrationNumber); PIN=$(echo "$RECEIPT" | json pin)
echo "registered $REG (PIN $PIN) -> $(track)"
act verifikator complete '{"outcome":"forward"}' >/dev/null;                         echo "verified -> $(track)"
act tpa recommendation '{"positive":true,"note":"Memenuhi standar teknis"}' >/dev/null
act pupr recommendation '{"positive":true,"note":"SPPST terbit"}' >/dev/null;         echo "technical review done -> $(track)"
act kasir fee '{}' >/dev/null;                                                       echo "SKRD issued -> $(track)"
post kasir "/dossiers/$ID/payments" '{"reference":"BANK-1","amount":2250000,"channel":"bank"}' >/dev/null
post kasir "/dossiers/$ID/complete" '{"outcome":"forward"}' >/dev/null;               echo "paid -> $(track)"
act kabid approve >/dev/null;                                                        echo "approved -> $(track)"
act kadis sign >/dev/null;                                                           echo "signed -> $(track)"
act tu issue >/dev/null;                                                             echo "issued -> $(track)"
post loket "/dossiers/$ID/handover" '{"receivedBy":"Budi Santoso"}' >/dev/null;      echo "handed over -> $(track)"
