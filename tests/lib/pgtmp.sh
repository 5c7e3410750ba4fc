# tests/lib/pgtmp.sh: a throw-away PostgreSQL server for one test script.
#
# Source it from a tests/pg script, then call
#     pgtmp_start PORT
# It finds the server binaries ($PG_BINDIR, pg_config --bindir, then
# Debian's /usr/lib/postgresql/*/bin), runs initdb in a private mktemp -d
# directory (as the postgres user when run as root, since initdb and
# postgres refuse root), and starts a server that listens only on a Unix
# socket in that directory: no TCP, no collisions, no outside access.
# It exports PGHOST, PGPORT, PGUSER=pgsift and PGDATABASE=postgres, and
# sets PGTMP to a scratch directory for the test's own files. An EXIT trap
# stops the server (immediate mode) and removes everything.
#
# Without server binaries the script prints "1..0 # SKIP ..." and exits 0,
# unless PGSIFT_REQUIRE_PG=1 or CI=true, where it bails out and fails.

pgtmp_dir=
pgtmp_bindir=

# pgtmp_find_bindir: set pgtmp_bindir to a directory holding initdb,
# pg_ctl and postgres; return 1 if there is none.
pgtmp_find_bindir() {
	local d
	for d in "${PG_BINDIR:-}" "$(pg_config --bindir 2>/dev/null)" \
	    $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
		if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
			pgtmp_bindir=$d
			return 0
		fi
	done
	return 1
}

# pgtmp_as_owner CMD...: run a server command as the cluster's owner.
pgtmp_as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# pgtmp_cleanup: the EXIT trap; stop the server and remove the directory.
pgtmp_cleanup() {
	local rc=$?
	if [ -n "$pgtmp_dir" ] && [ -d "$pgtmp_dir" ]; then
		if [ -f "$pgtmp_dir/data/postmaster.pid" ]; then
			pgtmp_as_owner "$pgtmp_bindir/pg_ctl" -D "$pgtmp_dir/data" \
			    -m immediate stop >/dev/null 2>&1
		fi
		if [ -n "${PGTMP_KEEP:-}" ]; then
			echo "# kept $pgtmp_dir" >&2
		else
			rm -rf "$pgtmp_dir"
		fi
	fi
	exit $rc
}

# pgtmp_start PORT: start the server; skip or bail out without binaries.
pgtmp_start() {
	local port=$1
	if ! pgtmp_find_bindir; then
		if [ "${PGSIFT_REQUIRE_PG:-}" = 1 ] || [ "${CI:-}" = true ]; then
			echo "Bail out! no PostgreSQL server binaries (initdb, pg_ctl) found"
			exit 1
		fi
		echo "1..0 # SKIP no PostgreSQL server"
		exit 0
	fi
	pgtmp_dir=$(mktemp -d "${TMPDIR:-/tmp}/pgsift-test.XXXXXX") || exit 1
	trap pgtmp_cleanup EXIT
	trap 'exit 130' INT TERM
	mkdir "$pgtmp_dir/work"
	if [ "$(id -u)" = 0 ]; then
		chown postgres "$pgtmp_dir"
		chmod 700 "$pgtmp_dir"
	fi
	if ! pgtmp_as_owner "$pgtmp_bindir/initdb" -A trust -N -U pgsift \
	    -E UTF8 --locale=C -D "$pgtmp_dir/data" >"$pgtmp_dir/initdb.log" 2>&1; then
		echo "Bail out! initdb failed: $(tail -n 3 "$pgtmp_dir/initdb.log")"
		exit 1
	fi
	if ! pgtmp_server_start "$port"; then
		echo "Bail out! the PostgreSQL server did not start: $(tail -n 3 "$pgtmp_dir/data/server.log" 2>/dev/null)"
		exit 1
	fi
	unset PGSERVICE PGSERVICEFILE PGPASSWORD PGPASSFILE PGOPTIONS PGSSLMODE \
	    PGHOSTADDR PGAPPNAME
	export PGHOST=$pgtmp_dir PGPORT=$port PGUSER=pgsift PGDATABASE=postgres
	export PGTMP=$pgtmp_dir/work
	export PGCLIENTENCODING=UTF8
}

# pgtmp_server_start PORT: start the initialised server (again), on a
# socket in the private directory only.
pgtmp_server_start() {
	pgtmp_as_owner "$pgtmp_bindir/pg_ctl" -w -t 60 -D "$pgtmp_dir/data" \
	    -l "$pgtmp_dir/data/server.log" \
	    -o "-k $pgtmp_dir -c listen_addresses= -c fsync=off -p $1" \
	    start >/dev/null 2>&1
}

# pgtmp_server_stop: stop the server at once, as a crash would.
pgtmp_server_stop() {
	pgtmp_as_owner "$pgtmp_bindir/pg_ctl" -D "$pgtmp_dir/data" \
	    -m immediate -w stop >/dev/null 2>&1
}

# pgtmp_psql [DB] ARGS...: psql with ON_ERROR_STOP, quiet, no psqlrc.
pgtmp_psql() {
	local db=$1
	shift
	"$pgtmp_bindir/psql" -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"
}

# pgtmp_createdb DB [FIXTURE.sql...]: create a database and load fixtures.
pgtmp_createdb() {
	local db=$1 f
	shift
	pgtmp_psql postgres -c "CREATE DATABASE \"$db\"" >/dev/null || return 1
	for f in "$@"; do
		pgtmp_psql "$db" -f "$f" >/dev/null || return 1
	done
}

# pgtmp_fixture: create the database "fixture" from tests/fixtures/basic.sql,
# or bail out.
pgtmp_fixture() {
	pgtmp_createdb fixture "$top_srcdir/tests/fixtures/basic.sql" ||
	    { echo "Bail out! could not load tests/fixtures/basic.sql"; exit 1; }
}
