/*
 * duck: one SQL query in DuckDB, as CSV, for bench/run.
 *
 *   duck THREADS QUERY
 *   duck --version
 *
 * Opens an in-memory DuckDB database through its C API (libduckdb.so,
 * fetched by bench/duckdb-fetch), runs "SET threads = THREADS", then
 * QUERY, and prints the result on stdout as CSV: a header line of the
 * column names, then one line a row, NULL as an empty field, a field
 * with a comma, quote or line break quoted as RFC 4180 has it.  QUERY reads
 * the records itself with read_csv('FILE'), so the time of a run is the
 * time DuckDB takes to read the CSV and group it, with no Node.js or
 * shell start-up around it.  --version prints duckdb_library_version().
 * Exits 1 when DuckDB refuses the query, 2 on a usage error and 3 when
 * stdout cannot be written.
 */
#include <duckdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Prints V as a CSV field: in double quotes, each doubled, when it holds
 * a comma, a double quote or a line break.
 */
static void put_field(const char *v)
{
	if (!v[strcspn(v, ",\"\r\n")]) {
		fputs(v, stdout);
		return;
	}
	putchar('"');
	for (; *v; v++) {
		if (*v == '"')
			putchar('"');
		putchar(*v);
	}
	putchar('"');
}

/*
 * Prints RESULT as CSV on stdout.  Returns 0, or 3 when stdout could not
 * be written.
 */
static int print_csv(duckdb_result *result)
{
	idx_t cols = duckdb_column_count(result);
	idx_t rows = duckdb_row_count(result);
	idx_t r, c;

	for (c = 0; c < cols; c++)
		printf("%s%s", c ? "," : "", duckdb_column_name(result, c));
	putchar('\n');
	for (r = 0; r < rows; r++) {
		for (c = 0; c < cols; c++) {
			char *v = duckdb_value_varchar(result, c, r);

			if (c)
				putchar(',');
			if (v && !duckdb_value_is_null(result, c, r))
				put_field(v);
			duckdb_free(v);
		}
		putchar('\n');
	}
	if (ferror(stdout) || fclose(stdout) != 0) {
		fprintf(stderr, "duck: cannot write the result\n");
		return 3;
	}
	return 0;
}

int main(int argc, char **argv)
{
	duckdb_database db = NULL;
	duckdb_connection con = NULL;
	duckdb_result res;
	char set[64];
	char *end;
	long threads;
	int rc = 1;

	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		printf("%s\n", duckdb_library_version());
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: duck THREADS QUERY | duck --version\n");
		return 2;
	}
	threads = strtol(argv[1], &end, 10);
	if (*argv[1] == '\0' || *end != '\0' || threads < 1 || threads > 1024) {
		fprintf(stderr, "duck: bad thread count \"%s\"\n", argv[1]);
		return 2;
	}
	if (duckdb_open(NULL, &db) != DuckDBSuccess ||
	    duckdb_connect(db, &con) != DuckDBSuccess) {
		fprintf(stderr, "duck: cannot open an in-memory database\n");
		goto out;
	}
	snprintf(set, sizeof set, "SET threads = %ld", threads);
	if (duckdb_query(con, set, &res) != DuckDBSuccess) {
		fprintf(stderr, "duck: %s: %s\n", set, duckdb_result_error(&res));
		duckdb_destroy_result(&res);
		goto out;
	}
	duckdb_destroy_result(&res);
	if (duckdb_query(con, argv[2], &res) != DuckDBSuccess) {
		fprintf(stderr, "duck: %s\n", duckdb_result_error(&res));
		duckdb_destroy_result(&res);
		goto out;
	}
	rc = print_csv(&res);
	duckdb_destroy_result(&res);
out:
	duckdb_disconnect(&con);
	duckdb_close(&db);
	return rc;
}
