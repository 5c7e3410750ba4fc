# tests/lib/report.sh: reading a pgsift JSON report in shell tests (jq).
#
#   report_types FILE SCHEMA TABLE COLUMN
#       the types classified LIKELY or above, sorted, comma-separated
#   report_field FILE SCHEMA TABLE COLUMN JQ_EXPR
#       a field of that column's entry, e.g. '.skipped // ""'

report_types() {
	jq -r --arg s "$2" --arg t "$3" --arg c "$4" '
	    [.columns[] | select(.schema == $s and .table == $t and
	        .column == $c) | .classifications[]
	     | select(.likelihood == "LIKELY" or .likelihood == "VERY_LIKELY")
	     | .type] | sort | join(",")' "$1"
}

report_field() {
	jq -r --arg s "$2" --arg t "$3" --arg c "$4" "
	    [.columns[] | select(.schema == \$s and .table == \$t and
	        .column == \$c)] | first | $5" "$1"
}
