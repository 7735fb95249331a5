#!/usr/bin/env bash
# Regenerates vectors/eber-expiry.json with PHP (php-cli 8.2), not with Signet's code: for each business time
# zone and wall-clock expiry, the exact command below is run and its output recorded beside it.
#   bash vectors/eber-expiry.gen.sh > vectors/eber-expiry.json
set -euo pipefail
command -v php >/dev/null || { echo "php (php-cli) is needed to compute these vectors" >&2; exit 1; }

# One PHP one-liner per vector. It prints PHP's reading of the expiry (as the server reads hmac_expiry_date)
# and every reading the wall time has in the zone: each UTC offset in force within 26 h is tried, and kept
# when the instant it gives shows the same wall time.
command_for() { # zone wall
  printf '%s' "php -r '\$tz = new DateTimeZone(\"$1\"); \$t = \"$2\"; \$d = DateTime::createFromFormat(\"Y-m-d H:i:s\", \$t, \$tz); \$w = (new DateTime(\$t, new DateTimeZone(\"UTC\")))->getTimestamp(); \$r = []; foreach (\$tz->getTransitions(\$w - 93600, \$w + 93600) as \$x) { \$u = \$w - \$x[\"offset\"]; if ((new DateTime(\"@\$u\"))->setTimezone(\$tz)->format(\"Y-m-d H:i:s\") === \$t) \$r[\$u] = gmdate(\"Y-m-d\\TH:i:s\\Z\", \$u); } ksort(\$r); echo json_encode([\"utc\" => gmdate(\"Y-m-d\\TH:i:s\\Z\", \$d->getTimestamp()), \"shownAs\" => \$d->format(\"Y-m-d H:i:s P\"), \"readings\" => array_values(\$r)]);'"
}

CASES=(
  # zone|wall|what
  "America/New_York|2030-11-03 00:59:59|last second before the repeated hour (EDT -> EST)"
  "America/New_York|2030-11-03 01:00:00|first second of the repeated hour"
  "America/New_York|2030-11-03 01:30:00|middle of the repeated hour"
  "America/New_York|2030-11-03 01:59:59|last second of the repeated hour"
  "America/New_York|2030-11-03 02:00:00|first second after the repeated hour"
  "America/New_York|2030-03-10 01:59:59|last second before the gap (EST -> EDT)"
  "America/New_York|2030-03-10 02:00:00|first second of the gap"
  "America/New_York|2030-03-10 02:30:00|middle of the gap"
  "America/New_York|2030-03-10 02:59:59|last second of the gap"
  "America/New_York|2030-03-10 03:00:00|first second after the gap"
  "America/New_York|2026-11-01 01:30:00|middle of the repeated hour, 2026"
  "Europe/London|2030-10-27 00:59:59|last second before the repeated hour (BST -> GMT)"
  "Europe/London|2030-10-27 01:00:00|first second of the repeated hour"
  "Europe/London|2030-10-27 01:30:00|middle of the repeated hour"
  "Europe/London|2030-10-27 01:59:59|last second of the repeated hour"
  "Europe/London|2030-10-27 02:00:00|first second after the repeated hour"
  "Europe/London|2030-03-31 00:59:59|last second before the gap (GMT -> BST)"
  "Europe/London|2030-03-31 01:00:00|first second of the gap"
  "Europe/London|2030-03-31 01:30:00|middle of the gap"
  "Europe/London|2030-03-31 01:59:59|last second of the gap"
  "Europe/London|2030-03-31 02:00:00|first second after the gap"
  "Australia/Sydney|2030-04-07 01:59:59|last second before the repeated hour (AEDT -> AEST)"
  "Australia/Sydney|2030-04-07 02:00:00|first second of the repeated hour"
  "Australia/Sydney|2030-04-07 02:30:00|middle of the repeated hour"
  "Australia/Sydney|2030-04-07 02:59:59|last second of the repeated hour"
  "Australia/Sydney|2030-04-07 03:00:00|first second after the repeated hour"
  "Australia/Sydney|2030-10-06 01:59:59|last second before the gap (AEST -> AEDT)"
  "Australia/Sydney|2030-10-06 02:00:00|first second of the gap"
  "Australia/Sydney|2030-10-06 02:30:00|middle of the gap"
  "Australia/Sydney|2030-10-06 02:59:59|last second of the gap"
  "Australia/Sydney|2030-10-06 03:00:00|first second after the gap"
  "America/Santiago|2030-04-06 22:59:59|last second before the repeated hour (-03 -> -04, at midnight)"
  "America/Santiago|2030-04-06 23:00:00|first second of the repeated hour"
  "America/Santiago|2030-04-06 23:30:00|middle of the repeated hour"
  "America/Santiago|2030-04-06 23:59:59|last second of the repeated hour"
  "America/Santiago|2030-04-07 00:00:00|first second after the repeated hour"
  "America/Santiago|2030-09-07 23:59:59|last second before the gap (-04 -> -03, at midnight)"
  "America/Santiago|2030-09-08 00:00:00|first second of the gap (midnight does not exist)"
  "America/Santiago|2030-09-08 00:30:00|middle of the gap"
  "America/Santiago|2030-09-08 00:59:59|last second of the gap"
  "America/Santiago|2030-09-08 01:00:00|first second after the gap"
  "Australia/Lord_Howe|2030-04-07 01:29:59|last second before the repeated half hour (+11 -> +10:30)"
  "Australia/Lord_Howe|2030-04-07 01:30:00|first second of the repeated half hour"
  "Australia/Lord_Howe|2030-04-07 01:45:00|middle of the repeated half hour"
  "Australia/Lord_Howe|2030-04-07 01:59:59|last second of the repeated half hour"
  "Australia/Lord_Howe|2030-04-07 02:00:00|first second after the repeated half hour"
  "Australia/Lord_Howe|2030-10-06 01:59:59|last second before the half-hour gap (+10:30 -> +11)"
  "Australia/Lord_Howe|2030-10-06 02:00:00|first second of the half-hour gap"
  "Australia/Lord_Howe|2030-10-06 02:15:00|middle of the half-hour gap"
  "Australia/Lord_Howe|2030-10-06 02:29:59|last second of the half-hour gap"
  "Australia/Lord_Howe|2030-10-06 02:30:00|first second after the half-hour gap"
  "Asia/Singapore|2030-01-15 09:30:00|a zone without DST"
  "Asia/Singapore|2030-11-03 01:30:00|a zone without DST, on New York's fall-back day"
  "Asia/Kathmandu|2030-03-31 01:30:00|a zone without DST, +05:45"
  "UTC|2030-10-27 01:30:00|UTC"
)

{
  for c in "${CASES[@]}"; do
    IFS='|' read -r zone wall what <<<"$c"
    cmd=$(command_for "$zone" "$wall")
    out=$(bash -c "$cmd")
    printf '%s\t%s\t%s\t%s\t%s\n' "$zone" "$wall" "$what" "$cmd" "$out"
  done
} | php -r '
$vectors = [];
while (($line = fgets(STDIN)) !== false) {
  [$zone, $wall, $what, $cmd, $out] = explode("\t", rtrim($line, "\n"));
  $php = json_decode($out, true);
  $kind = count($php["readings"]) === 0 ? "gap" : (count($php["readings"]) > 1 ? "repeated" : "single");
  $vectors[] = ["name" => "$zone $wall: $what (php)", "timezone" => $zone, "expiry" => $wall, "kind" => $kind,
    "php" => $php, "computedWith" => $cmd];
}
echo json_encode($vectors, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";'
