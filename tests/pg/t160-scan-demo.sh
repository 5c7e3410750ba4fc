#!/bin/bash
# t160-scan-demo: the demo estate (demo/estate.sql) loads, its generated
# values are what it says (demo/check.sql), and a scan finds exactly the
# sensitive columns it can recognise today: every one of them, nothing
# else at LIKELY or above, and none of the near misses.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5160

pgtmp_createdb demo "$top_srcdir/demo/estate.sql"
ok $? "the demo estate loads"
problems=$(pgtmp_psql demo -At -f "$top_srcdir/demo/check.sql")
is "$problems" "" "demo/check.sql finds no wrong value (Luhn, mod 97, SSN rules, ...)"

cat=$PGTMP/pgsift.db
report=$PGTMP/report.json
$PGSIFT scan --quiet --catalog "$cat" dbname=demo 2>"$PGTMP/err"
is "$?" 4 "the scan ends partial (one materialized view is unpopulated)"
$PGSIFT report --catalog "$cat" --output "$report"
jq -r '.columns[] | . as $c | .classifications[]
    | select(.likelihood == "LIKELY" or .likelihood == "VERY_LIKELY")
    | "\($c.schema).\($c.table).\($c.column) \(.type)"' "$report" \
    | grep -v '^support.ticket\(s\|_messages\).body PHONE_NUMBER$' \
    | sort >"$PGTMP/found"
# JSON documents are classified path by path (profile.contact.email).
# Views and partitions get their classifications by lineage (the
# customer_contacts view, the matview churn_features, the partitions of
# ops.events).
# Dates of birth and genders under opaque names cannot be found: they are
# not in this list. Views are not sampled (display_name of
# crm.customer_contacts waits for lineage).
sort >"$PGTMP/want" <<'WANT'
analytics.churn_features.date_of_birth DATE_OF_BIRTH
analytics.churn_features.email EMAIL_ADDRESS
crm.customer_contacts.contact_email EMAIL_ADDRESS
crm.customer_contacts.contact_phone PHONE_NUMBER
crm.customer_contacts.display_name PERSON_NAME
ops.events_2024_q1.device_mac MAC_ADDRESS
ops.events_2024_q1.source_ip IP_ADDRESS
ops.events_2024_q1.user_email EMAIL_ADDRESS
ops.events_2024_q2.device_mac MAC_ADDRESS
ops.events_2024_q2.source_ip IP_ADDRESS
ops.events_2024_q2.user_email EMAIL_ADDRESS
ops.events_2024_q3.device_mac MAC_ADDRESS
ops.events_2024_q3.source_ip IP_ADDRESS
ops.events_2024_q3.user_email EMAIL_ADDRESS
ops.events_2024_q4.device_mac MAC_ADDRESS
ops.events_2024_q4.source_ip IP_ADDRESS
ops.events_2024_q4.user_email EMAIL_ADDRESS
billing.bank_accounts.account_holder PERSON_NAME
billing.payment_methods.cardholder_name PERSON_NAME
crm.Kundendaten Österreich.Vorname PERSON_NAME
crm.Kundendaten Österreich.Nachname PERSON_NAME
crm.Kundendaten Österreich.Straße STREET_ADDRESS
crm.addresses.line1 STREET_ADDRESS
crm.contacts_legacy.c3 PERSON_NAME
crm.contacts_legacy.attr_7 STREET_ADDRESS
crm.customers.first_name PERSON_NAME
crm.customers.last_name PERSON_NAME
crm.customers.street_address STREET_ADDRESS
crm.leads.full_name PERSON_NAME
hr.emergency_contacts.contact_name PERSON_NAME
hr.employees.first_name PERSON_NAME
hr.employees.last_name PERSON_NAME
hr.employees.home_street STREET_ADDRESS
hr.legacy_import.f4 PERSON_NAME
support.agents.display_name PERSON_NAME
analytics.customer_ltv.email EMAIL_ADDRESS
billing.bank_accounts.bic SWIFT_CODE
billing.bank_accounts.iban IBAN_CODE
billing.payment_methods.card_number CREDIT_CARD_NUMBER
billing.payment_methods.token AUTH_TOKEN
billing.payment_staging.ref_code CREDIT_CARD_NUMBER
billing.payment_staging.val IBAN_CODE
billing.refunds.refund_iban IBAN_CODE
crm.Kundendaten Österreich.E-Mail Adresse EMAIL_ADDRESS
crm.Kundendaten Österreich.Geburtsdatum DATE_OF_BIRTH
crm.customers.date_of_birth DATE_OF_BIRTH
crm.customers.gender GENDER
crm.customer_profiles.profile.contact.email EMAIL_ADDRESS
crm.customer_profiles.profile.contact.phone PHONE_NUMBER
crm.customer_profiles.profile.contact.address.street STREET_ADDRESS
hr.employees.date_of_birth DATE_OF_BIRTH
hr.employees.gender GENDER
crm.Kundendaten Österreich.IBAN IBAN_CODE
crm.Kundendaten Österreich.Telefonnummer PHONE_NUMBER
crm.contacts_legacy.c1 EMAIL_ADDRESS
crm.contacts_legacy.c2 PHONE_NUMBER
crm.customers.email EMAIL_ADDRESS
crm.customers.phone PHONE_NUMBER
crm.leads.email EMAIL_ADDRESS
crm.leads.phone_number PHONE_NUMBER
crm.newsletter_subscriptions.email EMAIL_ADDRESS
crm.newsletter_subscriptions.signup_ip IP_ADDRESS
hr.emergency_contacts.phone PHONE_NUMBER
hr.employees.bank_bic SWIFT_CODE
hr.employees.bank_iban IBAN_CODE
hr.employees.personal_email EMAIL_ADDRESS
hr.employees.phone_number PHONE_NUMBER
hr.employees.ssn US_SOCIAL_SECURITY_NUMBER
hr.employees.work_email EMAIL_ADDRESS
hr.legacy_import.f1 US_SOCIAL_SECURITY_NUMBER
hr.payroll.paid_to_iban IBAN_CODE
ops.access_log.client_addr IP_ADDRESS
ops.api_credentials.aws_access_key_id AUTH_TOKEN
ops.api_credentials.aws_secret_access_key AUTH_TOKEN
ops.api_credentials.github_token AUTH_TOKEN
ops.api_credentials.owner_email EMAIL_ADDRESS
ops.api_credentials.service_jwt AUTH_TOKEN
ops.app_users.email EMAIL_ADDRESS
ops.app_users.last_login_ip IP_ADDRESS
ops.app_users.password_hash PASSWORD
ops.devices.ip_address IP_ADDRESS
ops.devices.ipv6_address IP_ADDRESS
ops.devices.mac_address MAC_ADDRESS
ops.events.device_mac MAC_ADDRESS
ops.events.source_ip IP_ADDRESS
ops.events.user_email EMAIL_ADDRESS
ops.sessions.attr_7 MAC_ADDRESS
ops.sessions.x_data IP_ADDRESS
support.agents.email EMAIL_ADDRESS
support.ticket_messages.body EMAIL_ADDRESS
support.tickets.body EMAIL_ADDRESS
WANT
# About 6.5% of ticket bodies and 4.3% of ticket messages hold a phone
# number (international, or North American as "(212) 555-0147"): close to
# the 5% line between POSSIBLE and LIKELY, so a random sample may fall on
# either side. They are checked on their own.
is "$(jq -r '[.columns[] | select(.table == "tickets" and .column == "body")
    | .classifications[] | select(.type == "PHONE_NUMBER") | .likelihood
    | IN("POSSIBLE", "LIKELY")] | join(",")' "$report")" true \
    "phone numbers in ticket bodies (6.5% of rows) are POSSIBLE or LIKELY"
is "$(jq -r '[.columns[] | select(.table == "ticket_messages" and
    .column == "body") | .classifications[] | select(.type == "PHONE_NUMBER")
    | .likelihood | IN("POSSIBLE", "LIKELY")] | join(",")' "$report")" true \
    "phone numbers in ticket messages (4.3% of rows) are POSSIBLE or LIKELY"
missing=$(comm -23 "$PGTMP/want" "$PGTMP/found")
extra=$(comm -13 "$PGTMP/want" "$PGTMP/found")
is "$missing" "" "every recognisable sensitive column of the estate is found"
is "$extra" "" "nothing else is classified LIKELY or above"

# Near misses: shaped like sensitive data, but not.
for near in "billing orders order_number" "ops deployments version" \
    "ops devices firmware_version" "inventory shipments tracking_number" \
    "inventory shipments parcel_uuid" "inventory shipments shipped_on" \
    "billing payment_staging batch_date" "billing orders total" \
    "ops access_log user_agent"; do
	set -- $near
	n=$(jq --arg s "$1" --arg t "$2" --arg c "$3" '[.columns[]
	    | select(.schema == $s and .table == $t and .column == $c)
	    | .classifications[]] | length' "$report")
	is "$n" 0 "near miss $1.$2.$3 has no classification at all"
done
is "$(jq -r '[.columns[] | select(.table == "products" and
    .column == "product_code") | .classifications[].likelihood] | unique
    | join(",")' "$report")" POSSIBLE \
    "9-digit product codes with an SSN's shape stay POSSIBLE (a weak shape without a name)"
is "$(sqlite3 "$cat" "SELECT sample_method LIKE 'tablesample system%' FROM relations WHERE schema = 'ops' AND name = 'access_log'")" \
    1 "the 200,000-row access log is sampled with TABLESAMPLE SYSTEM"
is "$(sqlite3 "$cat" "SELECT max(rows_sampled) FROM relations")" 1000 \
    "no relation gives more than 1000 rows"

tap_done
