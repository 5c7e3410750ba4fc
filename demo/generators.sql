-- demo/generators.sql: functions that generate fake, valid-looking values
-- for the demo estate (demo/estate.sql) and the test fixtures
-- (tests/fixtures/*.sql). They live in pg_temp, so they vanish with the
-- session that loads them. Include with: \ir generators.sql
--
-- Every value they make is generated: card numbers get a correct Luhn
-- digit, IBANs correct mod-97 check digits, SSNs follow the issuing
-- rules; none belongs to anybody.

-- Complete a card number: payload digits plus the Luhn check digit.
CREATE FUNCTION pg_temp.luhn(p text) RETURNS text LANGUAGE sql AS $$
	SELECT p || ((10 - sum(CASE WHEN (length(p) - i) % 2 = 0
	    THEN (CASE WHEN d * 2 > 9 THEN d * 2 - 9 ELSE d * 2 END)
	    ELSE d END) % 10) % 10)::text
	FROM (SELECT i, substr(p, i, 1)::int AS d
	      FROM generate_series(1, length(p)) AS i) AS s
$$;

-- n random digits.
CREATE FUNCTION pg_temp.digits(n int) RETURNS text LANGUAGE sql AS $$
	SELECT string_agg(floor(random() * 10)::int::text, '')
	FROM generate_series(1, n)
$$;

-- An IBAN for country cc and BBAN bban, with its mod-97 check digits.
CREATE FUNCTION pg_temp.iban(cc text, bban text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	s text := upper(bban || cc || '00');
	n text := '';
	c text;
BEGIN
	FOREACH c IN ARRAY regexp_split_to_array(s, '') LOOP
		IF c ~ '[A-Z]' THEN
			n := n || (ascii(c) - 55)::text;
		ELSE
			n := n || c;
		END IF;
	END LOOP;
	RETURN cc || lpad((98 - (n::numeric % 97))::int::text, 2, '0') || bban;
END $$;

-- An IBAN of one of six countries, picked by k.
CREATE FUNCTION pg_temp.any_iban(k int) RETURNS text LANGUAGE sql AS $$
	SELECT CASE k % 6
	    WHEN 0 THEN pg_temp.iban('DE', pg_temp.digits(18))
	    WHEN 1 THEN pg_temp.iban('GB', 'WEST' || pg_temp.digits(14))
	    WHEN 2 THEN pg_temp.iban('FR', pg_temp.digits(23))
	    WHEN 3 THEN pg_temp.iban('ES', pg_temp.digits(20))
	    WHEN 4 THEN pg_temp.iban('NL', 'ABNA' || pg_temp.digits(10))
	    ELSE pg_temp.iban('IT', 'X' || pg_temp.digits(22)) END
$$;

-- A card number of one of the common schemes, picked by k.
CREATE FUNCTION pg_temp.card(k int) RETURNS text LANGUAGE sql AS $$
	SELECT CASE k % 5
	    WHEN 0 THEN pg_temp.luhn('4' || pg_temp.digits(14))
	    WHEN 1 THEN pg_temp.luhn((51 + k % 5)::text || pg_temp.digits(13))
	    WHEN 2 THEN pg_temp.luhn('37' || pg_temp.digits(12))
	    WHEN 3 THEN pg_temp.luhn('6011' || pg_temp.digits(11))
	    ELSE pg_temp.luhn('2221' || pg_temp.digits(11)) END
$$;

-- A 16-digit number that fails Luhn (an order or reference number).
CREATE FUNCTION pg_temp.not_card(k int) RETURNS text LANGUAGE sql AS $$
	SELECT left(c, 15) || ((right(c, 1)::int + 1) % 10)::text
	FROM (SELECT pg_temp.luhn('4' || lpad((k % 100000)::text, 5, '0') ||
	    pg_temp.digits(9)) AS c) AS x
$$;

-- An SSN following the issuing rules: area 001-665, group 01-99,
-- serial 0001-9999; with hyphens unless bare.
CREATE FUNCTION pg_temp.ssn(bare boolean DEFAULT false) RETURNS text
LANGUAGE sql AS $$
	SELECT concat_ws(CASE WHEN bare THEN '' ELSE '-' END,
	    lpad((1 + floor(random() * 665))::int::text, 3, '0'),
	    lpad((1 + floor(random() * 99))::int::text, 2, '0'),
	    lpad((1 + floor(random() * 9999))::int::text, 4, '0'))
$$;

-- A phone number in one of several national and international formats.
CREATE FUNCTION pg_temp.phone(k int) RETURNS text LANGUAGE sql AS $$
	SELECT CASE k % 5
	    WHEN 0 THEN '+1 202 555 0' || lpad((k % 200)::text, 3, '0')
	    WHEN 1 THEN '+44 20 7946 0' || lpad((k % 1000)::text, 3, '0')
	    WHEN 2 THEN '+49 30 ' || (1000000 + k % 8999999)::text
	    WHEN 3 THEN '(202) 555-0' || lpad((k % 200)::text, 3, '0')
	    ELSE '+33 1 ' || lpad((k % 100)::text, 2, '0') || ' ' ||
	        lpad((k * 7 % 100)::text, 2, '0') || ' ' ||
	        lpad((k * 13 % 100)::text, 2, '0') || ' ' ||
	        lpad((k * 17 % 100)::text, 2, '0') END
$$;
