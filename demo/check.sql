-- demo/check.sql: checks that the demo estate's generated values are what
-- demo/estate.sql says they are. Each query returns rows only when
-- something is wrong; run with psql -X -d demo -f demo/check.sql.

-- Card numbers that fail Luhn.
WITH cards AS (
	SELECT 'billing.payment_methods' AS t, card_number AS v
	FROM billing.payment_methods
	UNION ALL
	SELECT 'billing.refunds', replace(val, '-', '') FROM billing.refunds),
digits AS (
	SELECT t, v, i, substr(v, length(v) - i + 1, 1)::int AS d
	FROM cards, generate_series(1, length(v)) AS i)
SELECT 'card fails Luhn' AS problem, t, v
FROM digits GROUP BY t, v
HAVING sum(CASE WHEN i % 2 = 0 THEN (CASE WHEN d * 2 > 9 THEN d * 2 - 9
    ELSE d * 2 END) ELSE d END) % 10 <> 0;

-- Reference numbers that pass Luhn (they must not look like cards).
WITH digits AS (
	SELECT ref_code AS v, i, substr(ref_code, 17 - i, 1)::int AS d
	FROM billing.payments, generate_series(1, 16) AS i
	WHERE id <= 20000)
SELECT 'reference passes Luhn' AS problem, v
FROM digits GROUP BY v
HAVING sum(CASE WHEN i % 2 = 0 THEN (CASE WHEN d * 2 > 9 THEN d * 2 - 9
    ELSE d * 2 END) ELSE d END) % 10 = 0;

-- IBANs whose check digits are wrong.
WITH ibans AS (
	SELECT iban AS v FROM billing.bank_accounts
	UNION ALL SELECT bank_iban FROM hr.employees),
moved AS (
	SELECT v, substr(v, 5) || left(v, 4) AS r FROM ibans),
numeric_form AS (
	SELECT v, string_agg(CASE WHEN c ~ '[A-Z]' THEN (ascii(c) - 55)::text
	    ELSE c END, '' ORDER BY ord) AS n
	FROM moved, regexp_split_to_table(r, '') WITH ORDINALITY AS x(c, ord)
	GROUP BY v)
SELECT 'IBAN fails mod 97' AS problem, v FROM numeric_form
WHERE n::numeric % 97 <> 1;

-- SSNs outside the issuing rules.
SELECT 'SSN breaks the rules' AS problem, ssn FROM hr.employees
WHERE ssn !~ '^\d{3}-\d{2}-\d{4}$' OR left(ssn, 3) IN ('000', '666')
   OR left(ssn, 1) = '9' OR substr(ssn, 5, 2) = '00' OR right(ssn, 4) = '0000';
