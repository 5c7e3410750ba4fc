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
# The lineage of pagila's eight views, complete and exact: checked by
# hand against their definitions (pg_get_viewdef). "view.column <-
# table.column kind", + where the values are kept; "view. <-" for the
# columns only in conditions. group_concat is pagila's own aggregate, so
# pgsift cannot tell that it keeps the values.
jq -r '.columns[] | select(.database == "pagila") | . as $c
    | (.lineage.upstream[] | select($c.relation_kind == "view" or
        $c.relation_kind == "materialized_view")
        | "\($c.table).\($c.column) <- \(.table).\(.column) \(.kind)\(if .keeps then "+" else "" end)"),
      (.lineage.downstream[] | select(.kind == "filter")
        | "\(.table). <- \($c.table).\($c.column) filter")' "$report" \
    | LC_ALL=C sort -u >"$PGTMP/lineage"
LC_ALL=C sort >"$PGTMP/lineage.want" <<'LINEAGE'
actor_info. <- actor.actor_id filter
actor_info. <- category.category_id filter
actor_info. <- film.film_id filter
actor_info. <- film_actor.actor_id filter
actor_info. <- film_actor.film_id filter
actor_info. <- film_category.category_id filter
actor_info. <- film_category.film_id filter
actor_info.actor_id <- actor.actor_id copy+
actor_info.film_info <- category.name aggregate
actor_info.film_info <- film.title aggregate
actor_info.first_name <- actor.first_name copy+
actor_info.last_name <- actor.last_name copy+
customer_list. <- address.address_id filter
customer_list. <- address.city_id filter
customer_list. <- city.city_id filter
customer_list. <- city.country_id filter
customer_list. <- country.country_id filter
customer_list. <- customer.address_id filter
customer_list.address <- address.address copy+
customer_list.city <- city.city copy+
customer_list.country <- country.country copy+
customer_list.id <- customer.customer_id copy+
customer_list.name <- customer.first_name expression+
customer_list.name <- customer.last_name expression+
customer_list.notes <- customer.activebool expression
customer_list.phone <- address.phone copy+
customer_list.sid <- customer.store_id copy+
customer_list.zip code <- address.postal_code copy+
film_list. <- actor.actor_id filter
film_list. <- category.category_id filter
film_list. <- film.film_id filter
film_list. <- film_actor.actor_id filter
film_list. <- film_actor.film_id filter
film_list. <- film_category.category_id filter
film_list. <- film_category.film_id filter
film_list.actors <- actor.first_name aggregate
film_list.actors <- actor.last_name aggregate
film_list.category <- category.name copy+
film_list.description <- film.description copy+
film_list.fid <- film.film_id copy+
film_list.length <- film.length copy+
film_list.price <- film.rental_rate copy+
film_list.rating <- film.rating copy+
film_list.title <- film.title copy+
nicer_but_slower_film_list. <- actor.actor_id filter
nicer_but_slower_film_list. <- category.category_id filter
nicer_but_slower_film_list. <- film.film_id filter
nicer_but_slower_film_list. <- film_actor.actor_id filter
nicer_but_slower_film_list. <- film_actor.film_id filter
nicer_but_slower_film_list. <- film_category.category_id filter
nicer_but_slower_film_list. <- film_category.film_id filter
nicer_but_slower_film_list.actors <- actor.first_name aggregate
nicer_but_slower_film_list.actors <- actor.last_name aggregate
nicer_but_slower_film_list.category <- category.name copy+
nicer_but_slower_film_list.description <- film.description copy+
nicer_but_slower_film_list.fid <- film.film_id copy+
nicer_but_slower_film_list.length <- film.length copy+
nicer_but_slower_film_list.price <- film.rental_rate copy+
nicer_but_slower_film_list.rating <- film.rating copy+
nicer_but_slower_film_list.title <- film.title copy+
rental_by_category. <- category.category_id filter
rental_by_category. <- film.film_id filter
rental_by_category. <- film_category.category_id filter
rental_by_category. <- film_category.film_id filter
rental_by_category. <- inventory.film_id filter
rental_by_category. <- inventory.inventory_id filter
rental_by_category. <- payment.rental_id filter
rental_by_category. <- rental.inventory_id filter
rental_by_category. <- rental.rental_id filter
rental_by_category.category <- category.name copy+
rental_by_category.total_sales <- payment.amount aggregate
sales_by_film_category. <- category.category_id filter
sales_by_film_category. <- film.film_id filter
sales_by_film_category. <- film_category.category_id filter
sales_by_film_category. <- film_category.film_id filter
sales_by_film_category. <- inventory.film_id filter
sales_by_film_category. <- inventory.inventory_id filter
sales_by_film_category. <- payment.rental_id filter
sales_by_film_category. <- rental.inventory_id filter
sales_by_film_category. <- rental.rental_id filter
sales_by_film_category.category <- category.name copy+
sales_by_film_category.total_sales <- payment.amount aggregate
sales_by_store. <- address.address_id filter
sales_by_store. <- address.city_id filter
sales_by_store. <- city.city_id filter
sales_by_store. <- city.country_id filter
sales_by_store. <- country.country_id filter
sales_by_store. <- inventory.inventory_id filter
sales_by_store. <- inventory.store_id filter
sales_by_store. <- payment.rental_id filter
sales_by_store. <- rental.inventory_id filter
sales_by_store. <- rental.rental_id filter
sales_by_store. <- staff.staff_id filter
sales_by_store. <- store.address_id filter
sales_by_store. <- store.manager_staff_id filter
sales_by_store. <- store.store_id filter
sales_by_store.manager <- staff.first_name expression+
sales_by_store.manager <- staff.last_name expression+
sales_by_store.store <- city.city expression+
sales_by_store.store <- country.country expression+
sales_by_store.total_sales <- payment.amount aggregate
staff_list. <- address.address_id filter
staff_list. <- address.city_id filter
staff_list. <- city.city_id filter
staff_list. <- city.country_id filter
staff_list. <- country.country_id filter
staff_list. <- staff.address_id filter
staff_list.address <- address.address copy+
staff_list.city <- city.city copy+
staff_list.country <- country.country copy+
staff_list.id <- staff.staff_id copy+
staff_list.name <- staff.first_name expression+
staff_list.name <- staff.last_name expression+
staff_list.phone <- address.phone copy+
staff_list.sid <- staff.store_id copy+
staff_list.zip code <- address.postal_code copy+
LINEAGE
is "$(diff "$PGTMP/lineage.want" "$PGTMP/lineage" | grep '^[<>]')" "" \
    "pagila's view lineage is complete and exact ($(wc -l <"$PGTMP/lineage.want" | tr -d ' ') edges)"

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
