-- demo/check.sql: checks that the demo estate holds what
-- demo/estate.sql says it holds. It prints one line per problem
-- (check | relation | column | offending value) and nothing at all when
-- every check passes:
--     psql -X -v ON_ERROR_STOP=1 -d demo -f demo/check.sql
--
-- Card numbers: digits only once single spaces or dashes are removed,
-- a real issuer prefix and length (Visa 4 and 16, Mastercard 51-55 or
-- 2221-2720 and 16, American Express 34/37 and 15, Discover 6011 and
-- 16), and the Luhn check. Order numbers: 16 digits that FAIL Luhn.
-- IBANs: the country's length and mod 97 == 1 (printed groups of four
-- allowed). SSNs: area not 000, 666 or 9xx, group not 00, serial not
-- 0000, and not a famous example number. E-mail domains, IP and MAC
-- ranges: only the reserved or private ones the estate promises. Near
-- misses: versions are four dotted numbers of 0-255, product codes nine
-- digits. Plus the shape of the estate: partitions, views, materialized
-- views, the enum, the jsonb contact object, free text with contacts.
\set ON_ERROR_STOP on
\set QUIET on
\pset tuples_only on
\pset format unaligned
\pset fieldsep ' | '
SET client_min_messages = warning;

CREATE FUNCTION pg_temp.luhn_ok(d text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	s int := 0;
	x int;
	dbl boolean := false;	-- the check digit itself is not doubled
BEGIN
	IF d !~ '^\d+$' THEN RETURN false; END IF;
	FOR i IN REVERSE length(d)..1 LOOP
		x := ascii(substr(d, i, 1)) - 48;
		IF dbl THEN
			x := x * 2;
			IF x > 9 THEN x := x - 9; END IF;
		END IF;
		s := s + x;
		dbl := NOT dbl;
	END LOOP;
	RETURN s % 10 = 0;
END $$;

CREATE FUNCTION pg_temp.iban_ok(v text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	s text := replace(v, ' ', '');
	r text;
	n text := '';
	c text;
	want int;
BEGIN
	IF v !~ '^[A-Z]{2}\d{2}[A-Z0-9]+$' AND v !~ '^([A-Z0-9]{4} )+[A-Z0-9]{1,4}$' THEN
		RETURN false;
	END IF;
	want := CASE left(s, 2) WHEN 'DE' THEN 22 WHEN 'GB' THEN 22
	    WHEN 'FR' THEN 27 WHEN 'ES' THEN 24 WHEN 'NL' THEN 18
	    WHEN 'IT' THEN 27 WHEN 'PL' THEN 28 WHEN 'AT' THEN 20 END;
	IF want IS NULL OR length(s) <> want THEN
		RETURN false;
	END IF;
	r := substr(s, 5) || left(s, 4);
	FOR i IN 1..length(r) LOOP
		c := substr(r, i, 1);
		n := n || CASE WHEN c BETWEEN 'A' AND 'Z'
		    THEN (ascii(c) - 55)::text ELSE c END;
	END LOOP;
	RETURN n::numeric % 97 = 1;
END $$;

-- Documentation and private ranges only. The regular expressions keep
-- the cast to inet from failing on anything but malformed IPv6.
CREATE FUNCTION pg_temp.ip_ok(v text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE
	    WHEN v ~ '^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$'
		THEN v::inet << ANY ('{192.0.2.0/24,198.51.100.0/24,203.0.113.0/24,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16}'::inet[])
	    WHEN v ~ '^[0-9a-f]{1,4}(:[0-9a-f]{0,4}){2,7}$'
		THEN v::inet << '2001:db8::/32'
	    ELSE false END
$$;

-- What each kind of value must look like: a condition on the text v.
CREATE TEMP TABLE kinds (kind text PRIMARY KEY, cond text NOT NULL);
INSERT INTO kinds VALUES
-- Plain or grouped with one kind of separator; issuer prefix and length;
-- Luhn.
('card', $$(v ~ '^\d+$' OR v ~ '^\d+( \d+)+$' OR v ~ '^\d+(-\d+)+$')
    AND pg_temp.luhn_ok(translate(v, ' -', ''))
    AND CASE length(translate(v, ' -', ''))
	WHEN 16 THEN v ~ '^(4|5[1-5]|6011)'
	    OR (v ~ '^2\d{3}' AND left(v, 4)::int BETWEEN 2221 AND 2720)
	WHEN 15 THEN v ~ '^3[47]'
	ELSE false END$$),
('not_luhn', $$v ~ '^[1-9]\d{15}$' AND NOT pg_temp.luhn_ok(v)$$),
('iban', $$pg_temp.iban_ok(v)$$),
-- Area not 000, 666 or 9xx, group not 00, serial not 0000, no example.
('ssn', $$(v ~ '^\d{3}-\d{2}-\d{4}$' OR v ~ '^\d{3} \d{2} \d{4}$' OR v ~ '^\d{9}$')
    AND translate(v, ' -', '') !~ '^(000|666|9)'
    AND substr(translate(v, ' -', ''), 4, 2) <> '00'
    AND right(v, 4) <> '0000'
    AND translate(v, ' -', '') NOT IN ('078051120', '219099999', '123456789')$$),
-- Reserved example domains only.
('email', $$v ~ '^[a-z0-9]+([._-][a-z0-9]+)*@([a-z0-9-]+\.)+[a-z]{2,}$'
    AND v ~ '@(([a-z0-9-]+\.)*example\.(com|org|net)|([a-z0-9-]+\.)+example)$'$$),
('bic', $$v ~ '^[A-Z]{4}(DE|GB|FR|ES|NL|IT|PL|AT)[A-Z0-9][A-Z1-9]([A-Z0-9]{3})?$'$$),
('ip', $$pg_temp.ip_ok(v)$$),
-- Locally administered unicast: the second hex digit is 2, 6, a or e.
('mac', $$v ~ '^[0-9a-f][26ae](:[0-9a-f]{2}){5}$' OR v ~ '^[0-9a-f][26ae](-[0-9a-f]{2}){5}$'$$),
-- 7 to 15 digits, a leading + or none, spaces, parentheses and hyphens.
('phone', $$v ~ '^\+?[0-9 ()-]+$'
    AND length(regexp_replace(v, '\D', '', 'g')) BETWEEN 7 AND 15$$),
-- Four dotted numbers of 0-255: an IPv4 shape that is not an address.
('version', $$v ~ '^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$'$$),
('product_code', $$v ~ '^\d{9}$'$$),
('uuid', $$v ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'$$),
('iso_date', $$v ~ '^\d{4}-\d{2}-\d{2}$' AND v::date IS NOT NULL$$),
('bcrypt_or_argon2', $$v ~ '^\$2b\$12\$[./A-Za-z0-9]{53}$'
    OR v ~ '^\$argon2id\$v=19\$m=65536,t=3,p=4\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$'$$),
('aws_key_id', $$v ~ '^AKIA[A-Z2-7]{16}$'$$),
('github_token', $$v ~ '^ghp_[A-Za-z0-9]{36}$'$$),
('jwt', $$v ~ '^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$'$$);

-- Problems with the values of one column (up to 3 shown), or the column
-- holding no value at all.
CREATE FUNCTION pg_temp.check_column(rel text, expr text, kind text)
RETURNS TABLE (problem text, relation text, col text, value text)
LANGUAGE plpgsql AS $$
DECLARE
	n bigint;
	bad bigint;
	sample text[];
BEGIN
	EXECUTE format('SELECT count(*), count(*) FILTER (WHERE NOT ok),
	    (array_agg(v ORDER BY v) FILTER (WHERE NOT ok))[1:3]
	    FROM (SELECT v, coalesce(%s, false) AS ok
		  FROM (SELECT (%s)::text AS v FROM %s) AS s
		  WHERE v IS NOT NULL) AS t',
	    (SELECT cond FROM kinds AS k WHERE k.kind = check_column.kind),
	    expr, rel)
	    INTO n, bad, sample;
	IF n = 0 THEN
		RETURN QUERY SELECT 'no values', rel, expr, NULL::text;
	END IF;
	IF bad > 0 THEN
		RETURN QUERY SELECT 'not a valid ' || kind, rel, expr, x
		FROM unnest(sample) AS x;
		IF bad > 3 THEN
			RETURN QUERY SELECT 'not a valid ' || kind, rel, expr,
			    '... ' || bad || ' bad values in all';
		END IF;
	END IF;
END $$;

CREATE TEMP TABLE checks (rel text, expr text, kind text);
INSERT INTO checks VALUES
-- Payment cards.
('billing.payment_methods', 'card_number', 'card'),
('billing.payment_staging', 'ref_code', 'card'),
-- Order numbers: 16 digits that must fail Luhn.
('billing.orders', 'order_number', 'not_luhn'),
-- IBANs and BICs.
('billing.bank_accounts', 'iban', 'iban'),
('billing.bank_accounts', 'bic', 'bic'),
('billing.payment_staging', 'val', 'iban'),
('billing.payment_staging', 'x_data', 'bic'),
('billing.refunds', 'refund_iban', 'iban'),
('hr.employees', 'bank_iban', 'iban'),
('hr.employees', 'bank_bic', 'bic'),
('hr.payroll', 'paid_to_iban', 'iban'),
('crm."Kundendaten Österreich"', '"IBAN"', 'iban'),
-- SSNs.
('hr.employees', 'ssn', 'ssn'),
('hr.legacy_import', 'f1', 'ssn'),
-- E-mail addresses.
('crm.customers', 'email', 'email'),
('crm.contacts_legacy', 'c1', 'email'),
('crm.leads', 'email', 'email'),
('crm.newsletter_subscriptions', 'email', 'email'),
('crm."Kundendaten Österreich"', '"E-Mail Adresse"', 'email'),
('crm.customer_profiles', $$profile #>> '{contact,email}'$$, 'email'),
('crm.customer_contacts', 'contact_email', 'email'),
('analytics.customer_ltv', 'email', 'email'),
('hr.employees', 'work_email', 'email'),
('hr.employees', 'personal_email', 'email'),
('support.agents', 'email', 'email'),
('ops.events', 'user_email', 'email'),
('ops.app_users', 'email', 'email'),
('ops.api_credentials', 'owner_email', 'email'),
-- Phone numbers.
('crm.customers', 'phone', 'phone'),
('crm.contacts_legacy', 'c2', 'phone'),
('crm.leads', 'phone_number', 'phone'),
('crm."Kundendaten Österreich"', '"Telefonnummer"', 'phone'),
('crm.customer_profiles', $$profile #>> '{contact,phone}'$$, 'phone'),
('hr.employees', 'phone_number', 'phone'),
('hr.emergency_contacts', 'phone', 'phone'),
-- Network.
('crm.newsletter_subscriptions', 'host(signup_ip)', 'ip'),
('ops.access_log', 'client_addr', 'ip'),
('ops.events', 'host(source_ip)', 'ip'),
('ops.devices', 'host(ip_address)', 'ip'),
('ops.devices', 'host(ipv6_address)', 'ip'),
('ops.app_users', 'host(last_login_ip)', 'ip'),
('ops.sessions', 'x_data', 'ip'),
('ops.devices', 'mac_address', 'mac'),
('ops.events', 'device_mac', 'mac'),
('ops.sessions', 'attr_7', 'mac'),
-- Credentials.
('ops.app_users', 'password_hash', 'bcrypt_or_argon2'),
('ops.api_credentials', 'aws_access_key_id', 'aws_key_id'),
('ops.api_credentials', 'github_token', 'github_token'),
('ops.api_credentials', 'service_jwt', 'jwt'),
-- Near misses.
('ops.deployments', 'version', 'version'),
('ops.devices', 'firmware_version', 'version'),
('inventory.products', 'product_code', 'product_code'),
('inventory.shipments', 'parcel_uuid', 'uuid'),
('inventory.shipments', 'shipped_on', 'iso_date'),
('billing.payment_staging', 'batch_date', 'iso_date'),
('ops.access_log', 'request_id', 'uuid');

SELECT c.*
FROM checks AS k, LATERAL pg_temp.check_column(k.rel, k.expr, k.kind) AS c
UNION ALL
-- Near misses must not pass as the real thing.
SELECT 'order number passes Luhn', 'billing.orders', 'order_number', order_number
FROM billing.orders WHERE pg_temp.luhn_ok(order_number)
UNION ALL
SELECT 'product code looks like nothing but digits', 'inventory.products',
    'product_code', product_code
FROM inventory.products WHERE product_code !~ '^\d{9}$'
UNION ALL
-- SSNs only for US staff, IBANs only for the others.
SELECT 'SSN outside the US', 'hr.employees', 'ssn', employee_id::text
FROM hr.employees WHERE (ssn IS NOT NULL) <> (home_country = 'US')
UNION ALL
SELECT 'IBAN for US staff', 'hr.employees', 'bank_iban', employee_id::text
FROM hr.employees WHERE (bank_iban IS NULL) <> (home_country = 'US')
UNION ALL
-- Free text: some ticket bodies carry an e-mail address or a phone.
SELECT 'too few tickets with an e-mail address', 'support.tickets', 'body', n::text
FROM (SELECT count(*) AS n FROM support.tickets WHERE body ~ '[a-z0-9._]+@[a-z0-9.-]+') AS s
WHERE n < 1000
UNION ALL
SELECT 'too few tickets with a phone number', 'support.tickets', 'body', n::text
FROM (SELECT count(*) AS n FROM support.tickets
      WHERE body ~ '(\+\d[\d ]{8,}|\(\d{3}\) 555-01\d\d|\d{2,4} \d{3,})') AS s
WHERE n < 1000
UNION ALL
-- The shape of the estate.
SELECT 'expected 4 non-empty partitions', 'ops.events', NULL, count(*)::text
FROM pg_inherits AS i
JOIN pg_class AS c ON c.oid = i.inhrelid
WHERE i.inhparent = 'ops.events'::regclass AND c.reltuples > 0
HAVING count(*) <> 4
UNION ALL
SELECT 'materialized view populated state', n.nspname || '.' || c.relname, NULL,
    c.relispopulated::text
FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE c.relkind = 'm' AND (c.relispopulated <> (c.relname = 'customer_ltv'))
UNION ALL
SELECT 'missing relation', r, NULL, NULL
FROM unnest(ARRAY['crm.customer_contacts', 'billing.open_invoices',
    'analytics.customer_ltv', 'analytics.churn_features',
    'crm."Kundendaten Österreich"']) AS r
WHERE to_regclass(r) IS NULL
UNION ALL
SELECT 'expected the enum crm.loyalty_tier', 'crm.customer_profiles', 'tier', NULL
WHERE to_regtype('crm.loyalty_tier') IS NULL
UNION ALL
-- Row counts of the larger tables (the estate is deterministic).
SELECT 'unexpected row count', rel, NULL, n::text || ' <> ' || want::text
FROM (VALUES ('ops.access_log', 200000), ('ops.events', 120000),
	('billing.invoices', 50000), ('billing.orders', 30000),
	('crm.customers', 20000), ('billing.payment_methods', 20000),
	('hr.employees', 1200)) AS w(rel, want),
    LATERAL (SELECT (xpath('/row/n/text()',
	query_to_xml('SELECT count(*) AS n FROM ' || rel, false, false, '')))[1]::text::bigint AS n) AS c
WHERE n <> want;
