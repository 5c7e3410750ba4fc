-- demo/estate.sql: the demo estate, a fake company's database.
--
-- Builds, deterministically, about thirty tables in seven schemas: CRM
-- customers and leads, billing (cards, invoices, payments, bank
-- accounts), HR (employees, payroll, SSNs), support tickets with free
-- text, operational logs (IP and MAC addresses), and plain business
-- tables with nothing sensitive. Sensitive data sits under obvious names
-- (email, card_number, iban, ssn) and opaque ones (c1, attr_7, val), next
-- to near misses a loose regex gets wrong: 16-digit reference numbers
-- that fail Luhn, version strings shaped like IP addresses, 9-digit
-- product codes, amounts and dates. It also has a partitioned table, a
-- view, a populated and an unpopulated materialized view, and a table
-- whose name has spaces and non-ASCII letters.
--
-- Every value is generated here; none belongs to a real person. Run it
-- against an empty database as its owner:
--     psql -X -v ON_ERROR_STOP=1 -d demo -f demo/estate.sql
SET client_min_messages = warning;
SELECT setseed(0.42) \gset
\ir generators.sql

-- Names from several languages, written out here.
CREATE TEMP TABLE given_names (n int, name text);
INSERT INTO given_names
SELECT row_number() OVER (), v FROM unnest(ARRAY[
    'James','Mary','Robert','Patricia','John','Jennifer','Michael','Linda',
    'Sofía','Mateo','Lucía','Hugo','Martina','Pablo','Camille','Louis',
    'Léa','Gabriel','Chloé','Jules','Lukas','Mia','Leon','Emma','Felix',
    'Hannah','Giulia','Lorenzo','Chiara','Matteo','Zofia','Jakub','Maja',
    'Szymon','Lena','Anders','Ingrid','Sven','Astrid','Noah']) AS v;
CREATE TEMP TABLE family_names (n int, name text);
INSERT INTO family_names
SELECT row_number() OVER (), v FROM unnest(ARRAY[
    'Smith','Johnson','Williams','Brown','Jones','García','Martínez',
    'López','Fernández','Martin','Bernard','Dubois','Lefebvre','Moreau',
    'Müller','Schmidt','Schneider','Fischer','Weber','Rossi','Russo',
    'Ferrari','Esposito','Bianchi','Nowak','Kowalski','Wiśniewski',
    'Wójcik','Johansson','Andersson','Nilsson','Hansen','Jensen']) AS v;
CREATE TEMP TABLE streets (n int, name text);
INSERT INTO streets
SELECT row_number() OVER (), v FROM unnest(ARRAY[
    'Maple Street','Oak Avenue','Station Road','High Street','Elm Drive',
    'Hauptstraße','Bahnhofstraße','Gartenweg','rue de la Paix',
    'avenue Victor Hugo','boulevard Voltaire','calle Mayor',
    'avenida de la Constitución','via Roma','via Garibaldi',
    'ulica Długa','Storgatan','Kirkevej']) AS v;
CREATE TEMP TABLE cities (n int, name text, country text);
INSERT INTO cities
SELECT row_number() OVER (), c[1], c[2] FROM (VALUES
    (ARRAY['Springfield','US']), (ARRAY['London','GB']),
    (ARRAY['Berlin','DE']), (ARRAY['Paris','FR']), (ARRAY['Madrid','ES']),
    (ARRAY['Roma','IT']), (ARRAY['Kraków','PL']), (ARRAY['Stockholm','SE']),
    (ARRAY['Aarhus','DK']), (ARRAY['Wien','AT'])) AS t(c);

-- Person k: a stable given and family name.
CREATE FUNCTION pg_temp.given(k int) RETURNS text LANGUAGE sql AS
    $$ SELECT name FROM given_names WHERE n = 1 + k % 40 $$;
CREATE FUNCTION pg_temp.family(k int) RETURNS text LANGUAGE sql AS
    $$ SELECT name FROM family_names WHERE n = 1 + (k / 7) % 33 $$;
-- An e-mail address for person k at one of a few fake domains.
CREATE FUNCTION pg_temp.email(k int) RETURNS text LANGUAGE sql AS $$
	SELECT lower(translate(pg_temp.given(k) || '.' || pg_temp.family(k),
	    'áéíóúñçüöäśźżłąęćńàèìòù ', 'aeiouncuoaszzlaecnaeiou'))
	    || k || (ARRAY['@example.com', '@mail.example.org',
	    '@example.net', '@corp.example'])[1 + k % 4]
$$;

CREATE SCHEMA crm;
CREATE SCHEMA billing;
CREATE SCHEMA hr;
CREATE SCHEMA support;
CREATE SCHEMA ops;
CREATE SCHEMA catalog;
CREATE SCHEMA analytics;

-- ---------------------------------------------------------------- crm
CREATE TYPE crm.tier AS ENUM ('bronze', 'silver', 'gold');
CREATE TABLE crm.customers (
	id int PRIMARY KEY,
	first_name text NOT NULL,
	last_name text NOT NULL,
	email text,
	phone_number text,
	date_of_birth date,
	gender text,
	street_address text,
	city text,
	postcode text,
	country char(2),
	tier crm.tier,
	created_at timestamptz
);
INSERT INTO crm.customers
SELECT k, pg_temp.given(k), pg_temp.family(k), pg_temp.email(k),
    CASE WHEN k % 10 = 0 THEN NULL ELSE pg_temp.phone(k) END,
    date '1950-01-01' + (random() * 18000)::int,
    (ARRAY['female', 'male', 'non-binary', 'unspecified'])[1 + k % 4],
    (1 + k % 220) || ' ' || (SELECT name FROM streets WHERE n = 1 + k % 18),
    c.name, lpad((k * 37 % 99999)::text, 5, '0'), c.country,
    (ARRAY['bronze', 'silver', 'gold']::crm.tier[])[1 + k % 3],
    timestamptz '2020-01-01' + k * interval '37 minutes'
FROM generate_series(1, 20000) AS k
JOIN cities c ON c.n = 1 + k % 10;

CREATE VIEW crm.customer_contacts AS
	SELECT id, first_name || ' ' || last_name AS full_name,
	    email AS contact_email, phone_number AS contact_phone
	FROM crm.customers;

CREATE TABLE crm.leads (
	id int PRIMARY KEY,
	company text,
	contact_name text,
	work_email text,
	mobile text,
	score int
);
INSERT INTO crm.leads
SELECT k, 'Company ' || k, pg_temp.given(k + 3) || ' ' || pg_temp.family(k + 5),
    pg_temp.email(k + 50000), pg_temp.phone(k + 7), (k * 31) % 100
FROM generate_series(1, 2000) AS k;

CREATE TABLE crm.newsletter_subscribers (
	id int PRIMARY KEY,
	addr text,
	subscribed_at timestamptz,
	confirmed boolean
);
INSERT INTO crm.newsletter_subscribers
SELECT k, pg_temp.email(k + 90000), timestamptz '2022-01-01' + k * interval '1 hour',
    k % 3 <> 0
FROM generate_series(1, 5000) AS k;

CREATE TABLE crm.customer_profiles (
	customer_id int PRIMARY KEY,
	profile jsonb,
	preferences jsonb
);
INSERT INTO crm.customer_profiles
SELECT k, jsonb_build_object('contact', jsonb_build_object(
	'email', pg_temp.email(k), 'phone', pg_temp.phone(k)),
	'locale', (ARRAY['en_GB','de_DE','fr_FR','es_ES'])[1 + k % 4]),
    jsonb_build_object('newsletter', k % 2 = 0, 'theme', 'dark')
FROM generate_series(1, 3000) AS k;

CREATE TABLE crm."Kundendaten Österreich" (
	"Kundennummer" int,
	"Name" text,
	"E-Mail Adresse" text,
	"Telefonnummer" text,
	"Straße" text
);
INSERT INTO crm."Kundendaten Österreich"
SELECT k, pg_temp.given(k + 11) || ' ' || pg_temp.family(k + 13),
    pg_temp.email(k + 70000), '+43 1 ' || (2000000 + k * 97)::text,
    'Mariahilfer Straße ' || (1 + k % 150)
FROM generate_series(1, 1500) AS k;

-- ------------------------------------------------------------ billing
CREATE TABLE billing.payment_methods (
	id int PRIMARY KEY,
	customer_id int,
	card_number text,
	card_brand text,
	expiry text,
	holder text
);
INSERT INTO billing.payment_methods
SELECT k, k, pg_temp.card(k),
    (ARRAY['visa','mastercard','amex','discover','mastercard'])[1 + k % 5],
    lpad((1 + k % 12)::text, 2, '0') || '/' || (26 + k % 5),
    upper(pg_temp.given(k) || ' ' || pg_temp.family(k))
FROM generate_series(1, 8000) AS k;

CREATE TABLE billing.invoices (
	invoice_no text PRIMARY KEY,
	customer_id int,
	amount numeric(12,2),
	currency char(3),
	issued_on date
);
INSERT INTO billing.invoices
SELECT 'INV-' || lpad(k::text, 8, '0'), 1 + k % 20000,
    round((random() * 2000)::numeric, 2),
    (ARRAY['EUR','USD','GBP'])[1 + k % 3], date '2023-01-01' + k % 700
FROM generate_series(1, 50000) AS k;

CREATE TABLE billing.payments (
	id bigint PRIMARY KEY,
	invoice_no text,
	amount numeric(12,2),
	paid_at timestamptz,
	ref_code text,
	method text
);
INSERT INTO billing.payments
SELECT k, 'INV-' || lpad((1 + k % 50000)::text, 8, '0'),
    round((random() * 2000)::numeric, 2),
    timestamptz '2023-01-01' + k * interval '2 minutes',
    -- 16-digit references that fail Luhn: not card numbers
    pg_temp.not_card(k),
    (ARRAY['card','transfer','paypal'])[1 + k % 3]
FROM generate_series(1, 200000) AS k;

CREATE TABLE billing.bank_accounts (
	id int PRIMARY KEY,
	holder text,
	iban text,
	bic text,
	opened_on date
);
INSERT INTO billing.bank_accounts
SELECT k, pg_temp.given(k + 17) || ' ' || pg_temp.family(k + 19),
    pg_temp.any_iban(k),
    (ARRAY['DEUTDEFF','NWBKGB2L','BNPAFRPP','CAIXESBB','ABNANL2A',
	'UNCRITMM'])[1 + k % 6],
    date '2010-01-01' + k % 5000
FROM generate_series(1, 5000) AS k;

CREATE TABLE billing.refunds (
	id int PRIMARY KEY,
	val text,
	reason text
);
INSERT INTO billing.refunds
SELECT k, regexp_replace(pg_temp.luhn('4' || pg_temp.digits(14)),
    '(\d{4})(\d{4})(\d{4})(\d{4})', '\1-\2-\3-\4'),
    (ARRAY['damaged','late','duplicate charge','changed mind'])[1 + k % 4]
FROM generate_series(1, 2000) AS k;

-- ----------------------------------------------------------------- hr
CREATE TABLE hr.employees (
	employee_no int PRIMARY KEY,
	first_name text,
	last_name text,
	work_email text,
	ssn text,
	date_of_birth date,
	salary numeric(10,2),
	hired_on date,
	home_street text,
	bank_iban text
);
INSERT INTO hr.employees
SELECT k, pg_temp.given(k + 23), pg_temp.family(k + 29),
    lower(pg_temp.given(k + 23)) || '.' || k || '@corp.example',
    pg_temp.ssn(), date '1960-01-01' + (random() * 15000)::int,
    40000 + (k * 137) % 80000, date '2005-01-01' + k % 6000,
    (1 + k % 90) || ' ' || (SELECT name FROM streets WHERE n = 1 + k % 5),
    pg_temp.any_iban(k + 1)
FROM generate_series(1, 2000) AS k;

CREATE TABLE hr.payroll (
	id int PRIMARY KEY,
	employee_no int,
	period date,
	gross numeric(10,2),
	net numeric(10,2)
);
INSERT INTO hr.payroll
SELECT k, 1 + k % 2000, date '2024-01-01' + ((k / 2000) * 30),
    3000 + (k * 13) % 5000, 2000 + (k * 11) % 4000
FROM generate_series(1, 24000) AS k;

CREATE TABLE hr.dependents (
	id int PRIMARY KEY,
	employee_no int,
	name text,
	relation text,
	birth_date date
);
INSERT INTO hr.dependents
SELECT k, 1 + k % 2000, pg_temp.given(k + 31) || ' ' || pg_temp.family(k + 29),
    (ARRAY['child','spouse','parent'])[1 + k % 3],
    date '1950-01-01' + (random() * 25000)::int
FROM generate_series(1, 1000) AS k;

-- Opaque names: what is in them only the values tell.
CREATE TABLE hr.x_data (
	id int PRIMARY KEY,
	attr_7 text,
	attr_8 int,
	attr_9 text
);
INSERT INTO hr.x_data
SELECT k, pg_temp.ssn(), k * 3, md5(k::text)
FROM generate_series(1, 1500) AS k;

-- ------------------------------------------------------------ support
CREATE TABLE support.agents (
	id int PRIMARY KEY,
	name text,
	email text,
	extension text
);
INSERT INTO support.agents
SELECT k, pg_temp.given(k + 2) || ' ' || pg_temp.family(k + 3),
    'agent' || k || '@corp.example', 'x' || (100 + k)
FROM generate_series(1, 50) AS k;

CREATE TABLE support.tickets (
	id int PRIMARY KEY,
	customer_email text,
	subject text,
	body text,
	status text,
	opened_at timestamptz
);
INSERT INTO support.tickets
SELECT k, pg_temp.email(1 + k % 20000),
    (ARRAY['Cannot log in','Refund request','Wrong invoice',
	'Delivery delayed','Change address'])[1 + k % 5],
    CASE k % 4
	WHEN 0 THEN 'Hello, please call me back on ' || pg_temp.phone(k) ||
	    ' about my order.'
	WHEN 1 THEN 'My new address for invoices is ' || pg_temp.email(k + 3) ||
	    ', thanks.'
	WHEN 2 THEN 'The parcel arrived damaged, I would like a refund.'
	ELSE 'Order ' || k || ' was charged twice.' END,
    (ARRAY['open','pending','closed'])[1 + k % 3],
    timestamptz '2024-01-01' + k * interval '13 minutes'
FROM generate_series(1, 10000) AS k;

CREATE TABLE support.ticket_comments (
	id int PRIMARY KEY,
	ticket_id int,
	author text,
	body text
);
INSERT INTO support.ticket_comments
SELECT k, 1 + k % 10000, 'agent' || (1 + k % 50),
    (ARRAY['Looking into it.','Refund issued.','Escalated to billing.',
	'Waiting for the customer.'])[1 + k % 4]
FROM generate_series(1, 30000) AS k;

-- ---------------------------------------------------------------- ops
CREATE TABLE ops.events (
	at timestamptz NOT NULL,
	client_ip inet,
	user_agent text,
	path text,
	session_token text
) PARTITION BY RANGE (at);
CREATE TABLE ops.events_2024_q1 PARTITION OF ops.events
	FOR VALUES FROM ('2024-01-01') TO ('2024-04-01');
CREATE TABLE ops.events_2024_q2 PARTITION OF ops.events
	FOR VALUES FROM ('2024-04-01') TO ('2024-07-01');
CREATE TABLE ops.events_2024_q3 PARTITION OF ops.events
	FOR VALUES FROM ('2024-07-01') TO ('2024-10-01');
INSERT INTO ops.events
SELECT timestamptz '2024-01-01' + k * interval '2 minutes',
    CASE WHEN k % 5 = 0 THEN ('2001:db8:' || to_hex(k % 65536) || '::' ||
	to_hex(k % 4096))::inet
	ELSE ('203.0.113.' || (k % 254 + 1))::inet END,
    (ARRAY['Mozilla/5.0 (X11; Linux x86_64)','curl/8.5.0',
	'Mozilla/5.0 (Macintosh)'])[1 + k % 3],
    '/api/v1/items/' || (k % 5000), md5('s' || k)
FROM generate_series(1, 60000) AS k;

CREATE TABLE ops.access_log (
	id bigint PRIMARY KEY,
	remote_addr text,
	status int,
	bytes int,
	request text
);
INSERT INTO ops.access_log
SELECT k, CASE WHEN k % 7 = 0 THEN '2001:db8::' || to_hex(k % 65536)
	ELSE '198.51.100.' || (k % 254 + 1) END,
    (ARRAY[200, 200, 200, 404, 500])[1 + k % 5], (k * 17) % 50000,
    'GET /static/' || (k % 300) || '.js HTTP/1.1'
FROM generate_series(1, 100000) AS k;

CREATE TABLE ops.devices (
	id int PRIMARY KEY,
	hostname text,
	mac_address macaddr,
	firmware_version text,
	serial text
);
INSERT INTO ops.devices
SELECT k, 'host-' || k,
    ('02:' || lpad(to_hex(k % 256), 2, '0') || ':' ||
	lpad(to_hex((k / 256) % 256), 2, '0') || ':10:20:' ||
	lpad(to_hex(k % 200 + 1), 2, '0'))::macaddr,
    (k % 5) || '.' || (k % 11) || '.' || (k % 3) || '.' || (k % 40),
    'SN' || lpad(k::text, 8, '0')
FROM generate_series(1, 3000) AS k;

CREATE TABLE ops.releases (
	id int PRIMARY KEY,
	release text,
	released_on date
);
INSERT INTO ops.releases
SELECT k, (k / 100) || '.' || (k / 10 % 10) || '.' || (k % 10) || '.' || k,
    date '2019-01-01' + k * 7
FROM generate_series(1, 300) AS k;

-- ------------------------------------------------------------ catalog
CREATE TABLE catalog.products (
	sku text PRIMARY KEY,
	name text,
	description text,
	price numeric(10,2),
	product_code text
);
INSERT INTO catalog.products
SELECT 'SKU-' || lpad(k::text, 6, '0'),
    (ARRAY['Lamp','Chair','Desk','Shelf','Mug','Kettle','Rug'])[1 + k % 7]
	|| ' model ' || k,
    'A sturdy item for home and office.', (k % 500) + 0.99,
    -- 9-digit codes: the shape of an SSN, but not one
    lpad((100000000 + k * 7)::text, 9, '0')
FROM generate_series(1, 5000) AS k;

CREATE TABLE catalog.warehouses (id int PRIMARY KEY, city text, capacity int);
INSERT INTO catalog.warehouses
SELECT k, name, 1000 * k FROM cities AS c(k, name, country);

CREATE TABLE catalog.currencies (code char(3) PRIMARY KEY, name text,
	decimals int);
INSERT INTO catalog.currencies VALUES ('EUR','Euro',2), ('USD','US dollar',2),
    ('GBP','Pound sterling',2), ('JPY','Yen',0), ('CHF','Swiss franc',2),
    ('SEK','Swedish krona',2), ('PLN','Złoty',2);

CREATE TABLE catalog.countries (code char(2) PRIMARY KEY, name text);
INSERT INTO catalog.countries VALUES ('US','United States'),
    ('GB','United Kingdom'), ('DE','Germany'), ('FR','France'),
    ('ES','Spain'), ('IT','Italy'), ('PL','Poland'), ('SE','Sweden'),
    ('DK','Denmark'), ('AT','Austria');

CREATE TABLE catalog.feature_flags (name text PRIMARY KEY, enabled boolean,
	rollout numeric(5,2));
INSERT INTO catalog.feature_flags
SELECT 'flag_' || k, k % 2 = 0, k * 2.5 FROM generate_series(1, 40) AS k;

-- ---------------------------------------------------------- analytics
CREATE TABLE analytics.daily_metrics (
	day date PRIMARY KEY,
	visits int,
	orders int,
	revenue numeric(14,2),
	conversion real
);
INSERT INTO analytics.daily_metrics
SELECT date '2018-01-01' + k, 1000 + k % 700, 50 + k % 90,
    (k * 123.45)::numeric(14,2), (k % 100) / 1000.0
FROM generate_series(0, 2999) AS k;

CREATE MATERIALIZED VIEW analytics.customers_by_country AS
	SELECT country, count(*) AS customers FROM crm.customers
	GROUP BY country;
CREATE MATERIALIZED VIEW analytics.customer_lifetime_value AS
	SELECT c.id, c.email, sum(i.amount) AS ltv
	FROM crm.customers c JOIN billing.invoices i ON i.customer_id = c.id
	GROUP BY c.id, c.email
	WITH NO DATA;

ANALYZE;
