#!/bin/sh
# azd postprovision hook: waits until the role assignments of this provisioning have reached the storage data plane,
# so that the first `azd deploy` (which the app's identity reads from the deployment container) and the first
# `textline publish` do not fail with a 403 and need a rerun. Azure applies new role assignments within minutes.
#
# It proves propagation with the operator's own role on the scripts container, assigned in the same deployment as
# the app's; without an operator (AZURE_PRINCIPAL_ID empty) it waits a fixed two minutes instead.
set -u
account="${AZURE_STORAGE_ACCOUNT_NAME:-}"
limit="${ROLE_WAIT_SECONDS:-600}"

if [ -z "$account" ] || [ -z "${AZURE_PRINCIPAL_ID:-}" ] || ! command -v az >/dev/null 2>&1; then
  echo "Waiting 120 s for the new role assignments to apply..."
  sleep 120
  exit 0
fi

waited=0
until az storage blob list --auth-mode login --account-name "$account" --container-name scripts --num-results 1 --only-show-errors >/dev/null 2>&1; do
  if [ "$waited" -ge "$limit" ]; then
    echo "The storage roles did not apply within $limit s; azd deploy may answer 403 once. Run it again in a few minutes." >&2
    exit 0
  fi
  echo "Waiting for the new role assignments to apply ($waited s)..."
  sleep 15
  waited=$((waited + 15))
done

# The app's identity was granted its roles before the operator's; a little margin for the other services.
sleep 30
echo "Role assignments applied."
