/*
 * reports/html.c: the self-contained HTML report. One file, CSS,
 * JavaScript and SVG inline, no network request of any kind.
 *
 * The report's JSON document (the same as --format json, plus the
 * changes since the previous scan) is embedded as data, with <, > and &
 * written as \u escapes so no catalog string can end the script element.
 * The page builds its tables from that data with textContent only, so a
 * table named <script>alert(1)</script> is shown as text. The charts are
 * drawn here, in SVG, with every label escaped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "reports/reports-int.h"
#include "reports/html-assets.h"

/* Write s with the five HTML special characters escaped. */
static void
html_text(FILE *out, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '&': fputs("&amp;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: putc(*s, out);
		}
	}
}

/* Write JSON text for a <script> element: <, > and & as \u escapes. */
static void
html_json(FILE *out, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '<')
			fputs("\\u003c", out);
		else if (*s == '>')
			fputs("\\u003e", out);
		else if (*s == '&')
			fputs("\\u0026", out);
		else
			putc(*s, out);
	}
}

/* Add one change of catalog_diff() to the array in arg. */
static int
html_change(const struct catalog_change *c, void *arg, struct sift_err *err)
{
	(void)err;
	cJSON_AddItemToArray(arg, report_change_json(c));
	return 0;
}

/* Is a classification a finding: LIKELY or above, or confirmed? */
static bool
html_finding(const cJSON *k)
{
	const char *l = cJSON_GetStringValue(cJSON_GetObjectItem(k,
	    "likelihood"));
	const cJSON *r = cJSON_GetObjectItem(k, "review");

	return (l != NULL && (strcmp(l, "LIKELY") == 0 ||
	    strcmp(l, "VERY_LIKELY") == 0)) || (r != NULL && strcmp(
	    cJSON_GetStringValue(cJSON_GetObjectItem(r, "decision")) ?
	    cJSON_GetStringValue(cJSON_GetObjectItem(r, "decision")) : "",
	    "confirmed") == 0);
}

/* A horizontal bar chart in SVG: one bar per key of counts. */
static void
html_chart(FILE *out, const char *title, const cJSON *counts)
{
	const cJSON *c;
	double	max = 1;
	int	n = 0, y;

	cJSON_ArrayForEach(c, counts) {
		if (c->valuedouble > max)
			max = c->valuedouble;
		n++;
	}
	fprintf(out, "<figure class=\"chart\"><figcaption>");
	html_text(out, title);
	fprintf(out, "</figcaption>");
	if (n == 0) {
		fprintf(out, "<p class=\"none\">none</p></figure>\n");
		return;
	}
	fprintf(out, "<svg role=\"img\" viewBox=\"0 0 620 %d\" width=\"620\" "
	    "height=\"%d\">", n * 24 + 4, n * 24 + 4);
	y = 2;
	cJSON_ArrayForEach(c, counts) {
		int	w = (int)(220.0 * c->valuedouble / max) + 1;

		fprintf(out, "<text x=\"0\" y=\"%d\" class=\"lbl\">", y + 15);
		html_text(out, c->string);
		fprintf(out, "</text><rect x=\"330\" y=\"%d\" width=\"%d\" "
		    "height=\"18\" class=\"bar s-", y, w);
		html_text(out, c->string);
		fprintf(out, "\"/><text x=\"%d\" y=\"%d\" class=\"num\">%.0f"
		    "</text>", 176 + w, y + 15, c->valuedouble);
		y += 24;
	}
	fprintf(out, "</svg></figure>\n");
}

/* Add 1 to counts[key]. */
static void
html_count(cJSON *counts, const char *key)
{
	cJSON  *n = cJSON_GetObjectItemCaseSensitive(counts, key);

	if (n == NULL)
		cJSON_AddNumberToObject(counts, key, 1);
	else
		cJSON_SetNumberValue(n, n->valuedouble + 1);
}

/* The summary: scan, counts, charts. */
static void
html_summary(FILE *out, const cJSON *root)
{
	static const char *const labels[] = { "highly_confidential",
		"confidential", "general", "public" };
	const cJSON *scan = cJSON_GetObjectItem(root, "scan"), *col, *k;
	cJSON  *by_label = cJSON_CreateObject(), *by_type = cJSON_CreateObject();
	cJSON  *sources = cJSON_CreateObject();
	long	columns = 0, skipped = 0, findings = 0;
	size_t	i;

	for (i = 0; i < 4; i++)
		cJSON_AddNumberToObject(by_label, labels[i], 0);
	cJSON_ArrayForEach(col, cJSON_GetObjectItem(root, "columns")) {
		columns++;
		if (cJSON_GetObjectItem(col, "skipped") != NULL)
			skipped++;
		html_count(sources, cJSON_GetStringValue(cJSON_GetObjectItem(col,
		    "source")));
		cJSON_ArrayForEach(k, cJSON_GetObjectItem(col,
		    "classifications")) {
			if (!html_finding(k))
				continue;
			findings++;
			html_count(by_label, cJSON_GetStringValue(
			    cJSON_GetObjectItem(k, "sensitivity")));
			html_count(by_type, cJSON_GetStringValue(
			    cJSON_GetObjectItem(k, "type")));
		}
	}
	fprintf(out, "<section id=\"summary\"><h2>Summary</h2>"
	    "<dl class=\"facts\"><dt>Scan</dt><dd>%.0f</dd><dt>Status</dt>"
	    "<dd class=\"status\">",
	    cJSON_GetNumberValue(cJSON_GetObjectItem(scan, "id")));
	html_text(out, cJSON_GetStringValue(cJSON_GetObjectItem(scan,
	    "status")));
	fprintf(out, "</dd><dt>Started</dt><dd>");
	html_text(out, cJSON_GetStringValue(cJSON_GetObjectItem(scan,
	    "started_at")));
	fprintf(out, "</dd><dt>Finished</dt><dd>");
	html_text(out, cJSON_GetStringValue(cJSON_GetObjectItem(scan,
	    "finished_at")));
	fprintf(out, "</dd><dt>Sources</dt><dd>");
	cJSON_ArrayForEach(k, sources) {
		html_text(out, k->string);
		fputs(k->next ? ", " : "", out);
	}
	fprintf(out, "</dd><dt>Columns</dt><dd>%ld (%ld in relations not "
	    "sampled)</dd><dt>Findings</dt><dd id=\"nfindings\">%ld</dd></dl>"
	    "<div class=\"charts\">", columns, skipped, findings);
	html_chart(out, "Findings by sensitivity label", by_label);
	html_chart(out, "Findings by type", by_type);
	fprintf(out, "</div></section>\n");
	cJSON_Delete(by_label);
	cJSON_Delete(by_type);
	cJSON_Delete(sources);
}

/* Write the HTML report (see reports-int.h). */
int
report_html_write(struct catalog *cat, int64_t scan_id, FILE *out,
    struct sift_err *err)
{
	const cJSON *scan;
	cJSON  *root, *changes;
	int64_t	id, before;
	char   *text;

	root = report_json_build(cat, scan_id, err);
	if (root == NULL)
		return -1;
	scan = cJSON_GetObjectItem(root, "scan");
	id = (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(scan, "id"));
	before = catalog_scan_before(cat, id);
	changes = cJSON_AddArrayToObject(root, "changes");
	cJSON_AddNumberToObject(root, "previous_scan", (double)before);
	if (before > 0 && catalog_diff(cat, before, id, html_change, changes,
	    err) != 0) {
		cJSON_Delete(root);
		return -1;
	}
	fputs(html_head, out);
	fprintf(out, "<title>pgsift report, scan %lld</title>\n<style>%s</style>"
	    "\n</head>\n<body data-errors=\"0\">\n<header><h1>pgsift report"
	    "</h1><p>Scan %lld, ", (long long)id, html_css, (long long)id);
	html_text(out, cJSON_GetStringValue(cJSON_GetObjectItem(scan,
	    "status")));
	fprintf(out, ". Generated ");
	html_text(out, cJSON_GetStringValue(cJSON_GetObjectItem(root,
	    "generated_at")));
	fprintf(out, ". No sampled value is in this report.</p>%s</header>\n"
	    "<main>\n", html_nav);
	html_summary(out, root);
	fputs(html_body, out);
	text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (text == NULL)
		return sift_err_set(err, SIFT_E_INTERNAL, "out of memory");
	fputs("</main>\n<script id=\"data\" type=\"application/json\">", out);
	html_json(out, text);
	cJSON_free(text);
	fprintf(out, "</script>\n<script>%s</script>\n</body>\n</html>\n",
	    html_js);
	if (ferror(out))
		return sift_err_set(err, SIFT_E_IO, "could not write the report");
	return 0;
}
