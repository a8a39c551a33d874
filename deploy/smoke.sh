#!/usr/bin/env bash
# Brings up deploy/compose.yaml (PostgreSQL, migration, two web nodes, nginx), loads the demo, signs in
# through the proxy with the browser's cookie and its antiforgery token, checks that a page is served by
# each node with that one sign-in, checks the probes, and tears the stack down (volumes included).
# Needs Docker with the compose plugin, curl and a free port 8080 (KEYSTONE_PORT to change it).
# Exit 0 when everything held, 1 when something did not, 77 when there is no Docker here.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
port="${KEYSTONE_PORT:-8080}"
base="http://127.0.0.1:${port}"
export KEYSTONE_PORT="$port"

if ! command -v docker >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
  echo "smoke: skipped — no Docker daemon on this machine" >&2
  exit 77
fi

compose() { docker compose -f "$here/compose.yaml" "$@"; }
work="$(mktemp -d)"
cleanup() {
  compose down --volumes --remove-orphans >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "smoke: FAILED — $*" >&2; compose logs --tail 50 >&2 || true; exit 1; }

echo "smoke: building and starting the stack"
compose up -d --build --wait web1 web2 proxy || fail "the stack did not start"
compose run --rm -T migrate demo load >/dev/null || fail "loading the demo failed"

echo "smoke: waiting for both nodes to be ready"
for _ in $(seq 1 60); do
  if curl -sf "$base/health/ready" >/dev/null; then break; fi
  sleep 2
done
curl -sf "$base/health/live" >/dev/null || fail "/health/live through the proxy"
curl -sf "$base/health/ready" | grep -q '"Healthy"' || fail "/health/ready through the proxy"

echo "smoke: signing in through the proxy"
jar="$work/cookies"
curl -sf -c "$jar" -b "$jar" "$base/login" -o "$work/login.html" || fail "GET /login"
token="$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"\|name="__RequestVerificationToken" value="[^"]*"' "$work/login.html" | head -n 1 | sed 's/.*value="\([^"]*\)"/\1/')"
[ -n "$token" ] || fail "no antiforgery token on /login"
status="$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -D "$work/signin.headers" \
  --data-urlencode "username=demo-zone" --data-urlencode "password=keystone-demo" \
  --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "returnUrl=/projects" "$base/login")"
[ "$status" = 302 ] || fail "sign-in answered $status"
grep -qi '^location: /projects' "$work/signin.headers" || fail "sign-in did not lead back to /projects"
signed_in_by="$(grep -i '^x-upstream:' "$work/signin.headers" | tr -d '\r' | cut -d' ' -f2)"
echo "smoke: signed in on $signed_in_by"

echo "smoke: the same sign-in served by each node"
declare -A served=()
for _ in $(seq 1 10); do
  code="$(curl -s -o "$work/page.html" -w '%{http_code}' -b "$jar" -D "$work/page.headers" "$base/projects")"
  [ "$code" = 200 ] || fail "/projects answered $code"
  grep -q '项目台账' "$work/page.html" || fail "/projects is not the ledger page"
  served["$(grep -i '^x-upstream:' "$work/page.headers" | tr -d '\r' | cut -d' ' -f2)"]=1
done
[ "${#served[@]}" -ge 2 ] || fail "only ${!served[*]} served the page (expected both nodes)"
echo "smoke: /projects served by ${!served[*]}"

# The client's address behind the proxy: the audit log names the host, not nginx.
compose exec -T db psql -U keystone -d keystone -tAc \
  "SELECT count(*) FROM audit_log WHERE \"Entity\" = 'signIn' AND \"EntityKey\" = 'demo-zone' AND \"After\" NOT LIKE '%172.28.0.10\"%'" | grep -qv '^0$' \
  || fail "no sign-in in the audit log naming the client rather than the proxy"

echo "smoke: passed"
