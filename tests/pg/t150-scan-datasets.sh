#!/bin/bash
# t150-scan-datasets: scans of public sample databases (pagila, chinook,
# northwind) from ../shared/datasets find their contact data and flag
# nothing else. Skipped when ../shared is not beside the checkout.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/report.sh"

datasets=${PGSIFT_DATASETS:-$top_srcdir/../shared/datasets}
if [ ! -x "$datasets/load.sh" ]; then
	echo "1..0 # SKIP no sample datasets at $datasets"
	exit 0
fi
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5150

"$datasets/load.sh" "" pagila chinook northwind >"$PGTMP/load.log" 2>&1 ||
    { echo "Bail out! the sample datasets did not load: $(tail -n 2 "$PGTMP/load.log")"; exit 1; }
cat=$PGTMP/pgsift.db
report=$PGTMP/report.json

$PGSIFT scan --quiet --catalog "$cat" dbname=pagila dbname=chinook \
    dbname=northwind 2>"$PGTMP/scan.err"
is "$?" 4 "the scan ends partial: pagila has an unpopulated materialized view"
$PGSIFT report --catalog "$cat" --output "$report"
is "$(jq -r '[.columns[] | select(.skipped and (.skipped |
    test("sampled through|not sampled") | not)) | .database + "." + .table]
    | unique | join(" ")' "$report")" "pagila.rental_by_category" \
    "rental_by_category is the only relation that could not be read"
is "$(jq '[.columns[].database] | unique | length' "$report")" 3 \
    "the report covers the three databases"

types() {
	jq -r --arg d "$1" --arg t "$2" --arg c "$3" '
	    [.columns[] | select(.database == $d and .table == $t and
	        .column == $c) | .classifications[]
	     | select(.likelihood == "LIKELY" or .likelihood == "VERY_LIKELY")
	     | .type] | sort | join(",")' "$report"
}
is "$(types pagila customer email)" EMAIL_ADDRESS "pagila customer.email"
is "$(types pagila staff email)" EMAIL_ADDRESS "pagila staff.email"
is "$(types pagila address phone)" PHONE_NUMBER "pagila address.phone"
is "$(types chinook customer email)" EMAIL_ADDRESS "chinook customer.email"
is "$(types chinook employee email)" EMAIL_ADDRESS "chinook employee.email"
is "$(types chinook customer phone)" PHONE_NUMBER "chinook customer.phone"
is "$(types northwind customers phone)" PHONE_NUMBER "northwind customers.phone"
is "$(types northwind suppliers phone)" PHONE_NUMBER "northwind suppliers.phone"
is "$(types chinook employee birth_date)" DATE_OF_BIRTH "chinook employee.birth_date"
is "$(types northwind employees birth_date)" DATE_OF_BIRTH \
    "northwind employees.birth_date"
is "$(types pagila actor first_name)" PERSON_NAME "pagila actor.first_name"
is "$(types pagila actor last_name)" PERSON_NAME "pagila actor.last_name"
is "$(types northwind customers contact_name)" PERSON_NAME \
    "northwind customers.contact_name (full names, many countries)"
is "$(types chinook customer last_name)" PERSON_NAME "chinook customer.last_name"
is "$(types pagila address address)" STREET_ADDRESS "pagila address.address"
is "$(types northwind customers address)" STREET_ADDRESS \
    "northwind customers.address (addresses of 21 countries)"
is "$(types chinook invoice billing_address)" STREET_ADDRESS \
    "chinook invoice.billing_address"
is "$(jq -r '[.columns[] | select(.database == "pagila" and .table == "staff"
    and .column == "password") | .classifications[].type] | join(",")' \
    "$report")" PASSWORD \
    "pagila staff.password (two rows) is reported as a possible PASSWORD"

# Lineage: the pagila views inherit what their base columns hold.
lineage() {
	jq -r --arg t "$1" --arg c "$2" '[.columns[] | select(.database ==
	    "pagila" and .table == $t and .column == $c) | .classifications[]
	    | select(.evidence == ["lineage"]) | "\(.type) \(.details.lineage)"]
	    | join(",")' "$report"
}
is "$(lineage staff_list name)" \
    "PERSON_NAME public.staff.first_name -> public.staff_list.name" \
    "pagila staff_list.name is a PERSON_NAME by lineage (first_name || last_name)"
is "$(lineage customer_list phone)" \
    "PHONE_NUMBER public.address.phone -> public.customer_list.phone" \
    "pagila customer_list.phone is a PHONE_NUMBER by lineage (a copy)"
is "$(lineage customer_list notes)" "" \
    "customer_list.notes (a CASE over activebool) inherits nothing"
# Precision: nothing else is LIKELY or above from its own values. Fax numbers are phone
# numbers too; home_phone and the like count as phones; birth_date
# columns hold dates of birth; first, last and contact names are names;
# address, billing_address and ship_address are street addresses.
jq -r '.columns[] | . as $c | .classifications[]
    | select(.likelihood == "LIKELY" or .likelihood == "VERY_LIKELY")
    | select(.evidence != ["lineage"])
    | "\($c.database).\($c.table).\($c.column) \(.type)"' "$report" \
    | grep -Ev ' (EMAIL_ADDRESS|PHONE_NUMBER)$' \
    | grep -Ev '\.birth_date DATE_OF_BIRTH$' \
    | grep -Ev '\.(first_name|last_name|contact_name) PERSON_NAME$' \
    | grep -Ev '\.(address|billing_address|ship_address) STREET_ADDRESS$' \
    >"$PGTMP/unexpected"
jq -r '.columns[] | . as $c | .classifications[]
    | select(.likelihood == "LIKELY" or .likelihood == "VERY_LIKELY")
    | select(.evidence != ["lineage"])
    | "\($c.database).\($c.table).\($c.column) \(.type)"' "$report" \
    | grep -E ' (EMAIL_ADDRESS|PHONE_NUMBER)$' \
    | grep -Ev '\.(email|phone|fax|home_phone) ' >>"$PGTMP/unexpected"
is "$(wc -l <"$PGTMP/unexpected" | tr -d ' ')" 0 \
    "no other column is classified LIKELY or above"
[ -s "$PGTMP/unexpected" ] && diag "$(cat "$PGTMP/unexpected")"

tap_done
