/*
 * check_pseudo.c - unit tests for lib/record/pseudo.c: keyed pseudonyms from a
 * key file, identifying columns (and the scheme's list of them), and pupil
 * shards.
 */
#include <check.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/str.h"
#include "record/pseudo.h"
#include "scheme/scheme.h"
#include "scratch.h"


/*
 * Writes `len` bytes into tmpdir/name with `mode`; returns the path
 * (see write_file).
 */
static const char *
key_file(const char *name, const void *data, size_t len, mode_t mode)
{
	const char *p = write_file(name, data, len);

	ck_assert(chmod(p, mode) == 0);
	return p;
}

#define KEY(name, lit) key_file((name), (lit), sizeof(lit) - 1, 0600)

#define KEY_A "k3y-for-testing-0123456789"
#define KEY_B "another-secret-key-abcdefgh"

/* Opens `path`, which must succeed; returns the context. */
static track_pseudo *
open_ok(const char *path, int *loose)
{
	track_pseudo *p = NULL;
	track_error err;
	int l;

	ck_assert_msg(pseudo_open(&p, path, loose ? loose : &l, &err) == 0,
	    "pseudo_open: %s", err.text);
	ck_assert(p != NULL);
	return p;
}

/* The pseudonym of `id` under `p`, in a static buffer. */
static const char *
pseudonym(track_pseudo *p, const char *id)
{
	static char out[2][PSEUDO_LEN + 1];
	static int next;
	char *o = out[next++ % 2];

	memset(o, '#', PSEUDO_LEN + 1);
	pseudo_make(p, id, strlen(id), o);
	return o;
}

START_TEST(format)
{
	track_pseudo *p = open_ok(KEY("k", KEY_A), NULL);
	const char *s = pseudonym(p, "A123456789012");
	size_t i;

	ck_assert_uint_eq(strlen(s), PSEUDO_LEN);
	ck_assert_int_eq(PSEUDO_LEN, 21);
	ck_assert(s[0] == 'p');
	for (i = 1; i < PSEUDO_LEN; i++)
		ck_assert_msg((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f'), "%s is not lower hex", s);
	/* A blank id stays blank: the reports still see it as missing. */
	ck_assert_str_eq(pseudonym(p, ""), "");
	ck_assert_str_eq(pseudonym(p, " \t "), "");
	ck_assert_uint_eq(pseudo_make(p, "  ", 2, (char[PSEUDO_LEN + 1]){ 0 }),
	    0);
	ck_assert_uint_eq(pseudo_make(p, "A1", 2, (char[PSEUDO_LEN + 1]){ 0 }),
	    PSEUDO_LEN);
	pseudo_free(p);
	pseudo_free(NULL);
}
END_TEST

/* RFC 4231's key for HMAC-SHA256 test case 1: 20 bytes of 0x0b. */
static const unsigned char rfc_key[20] = {
	11, 11, 11, 11, 11, 11, 11, 11, 11, 11,
	11, 11, 11, 11, 11, 11, 11, 11, 11, 11
};

START_TEST(known_vector)
{
	/* RFC 4231 test case 1: key 20 x 0x0b, data "Hi There". */
	track_pseudo *p = open_ok(key_file("rfc", rfc_key, sizeof rfc_key,
	    0600), NULL);

	/* HMAC-SHA256 = b0344c61d8db38535ca8afce...: its first 80 bits. */
	ck_assert_str_eq(pseudonym(p, "Hi There"), "pb0344c61d8db38535ca8");
	pseudo_free(p);
}
END_TEST

/*
 * One keyed context serves every record: each pseudonym, made one after
 * another, is the one-shot HMAC-SHA256 of its id alone (computed here by
 * OpenSSL's HMAC(), independently), not of the ids before it.
 */
START_TEST(context_reused)
{
	track_pseudo *p = open_ok(key_file("reuse", rfc_key, sizeof rfc_key,
	    0600), NULL);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen;
	char id[32], want[PSEUDO_LEN + 1];
	int i, j;

	for (i = 0; i < 100; i++) {
		snprintf(id, sizeof id, "%s%d", i % 2 ? "Hi There" : "A", i);
		if (i % 10 == 0)
			snprintf(id, sizeof id, "Hi There");
		HMAC(EVP_sha256(), rfc_key, sizeof rfc_key, (unsigned char *)id,
		    strlen(id), md, &mdlen);
		want[0] = 'p';
		for (j = 0; j < (PSEUDO_LEN - 1) / 2; j++)
			snprintf(want + 1 + 2 * j, 3, "%02x", md[j]);
		ck_assert_str_eq(pseudonym(p, id), want);
	}
	ck_assert_str_eq(pseudonym(p, "Hi There"), "pb0344c61d8db38535ca8");
	pseudo_free(p);
}
END_TEST

START_TEST(stable_and_keyed)
{
	track_pseudo *a = open_ok(KEY("a", KEY_A), NULL);
	track_pseudo *a2 = open_ok(KEY("a2", KEY_A), NULL);
	track_pseudo *b = open_ok(KEY("b", KEY_B), NULL);
	char x[PSEUDO_LEN + 1];

	/* Same key and id: same pseudonym, from any context. */
	snprintf(x, sizeof x, "%s", pseudonym(a, "A100"));
	ck_assert_str_eq(pseudonym(a, "A100"), x);
	ck_assert_str_eq(pseudonym(a2, "A100"), x);
	/* Another key or another id: another pseudonym. */
	ck_assert_str_ne(pseudonym(b, "A100"), x);
	ck_assert_str_ne(pseudonym(a, "A101"), x);
	ck_assert_str_ne(pseudonym(a, "a100"), x);
	ck_assert_str_ne(pseudonym(a, "A1 00"), x);
	/* Ids are trimmed as the reports trim them: one pupil. */
	ck_assert_str_eq(pseudonym(a, "A100 "), x);
	ck_assert_str_eq(pseudonym(a, " A100"), x);
	ck_assert_str_eq(pseudonym(a, "\tA100 \t"), x);
	/* Only `len` bytes of the id count. */
	pseudo_make(a, "A1000", 4, x);
	ck_assert_str_eq(pseudonym(a, "A100"), x);
	pseudo_free(a);
	pseudo_free(a2);
	pseudo_free(b);
}
END_TEST

START_TEST(trailing_newline)
{
	track_pseudo *plain = open_ok(KEY("plain", KEY_A), NULL);
	track_pseudo *lf = open_ok(KEY("lf", KEY_A "\n"), NULL);
	track_pseudo *crlf = open_ok(KEY("crlf", KEY_A "\r\n"), NULL);
	track_pseudo *two = open_ok(KEY("two", KEY_A "\n\n"), NULL);
	char x[PSEUDO_LEN + 1];

	snprintf(x, sizeof x, "%s", pseudonym(plain, "A100"));
	ck_assert_str_eq(pseudonym(lf, "A100"), x);
	ck_assert_str_eq(pseudonym(crlf, "A100"), x);
	/* Only one line end goes. */
	ck_assert_str_ne(pseudonym(two, "A100"), x);
	pseudo_free(plain);
	pseudo_free(lf);
	pseudo_free(crlf);
	pseudo_free(two);
}
END_TEST

START_TEST(short_key)
{
	static const char *const bad[] = {
		"", "\n", "short", "fifteen-bytes!!", "fifteen-bytes!!\n",
		"fifteen-bytes!!\r\n",
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		track_pseudo *p = (track_pseudo *)1;
		track_error err;
		int loose = -1;
		const char *path = key_file("kf", bad[i], strlen(bad[i]),
		    0600);

		ck_assert_msg(pseudo_open(&p, path, &loose, &err) ==
		    TRACK_EXIT_USAGE, "key \"%s\" accepted", bad[i]);
		ck_assert(p == NULL);
		ck_assert_int_eq(err.kind, TRACK_EXIT_USAGE);
		/* The message never shows the key. */
		ck_assert_msg(i < 2 || strstr(err.text, bad[i]) == NULL,
		    "message shows the key: %s", err.text);
	}
	/* Sixteen bytes is enough. */
	pseudo_free(open_ok(KEY("sixteen", "sixteen-bytes!!!"), NULL));
}
END_TEST

START_TEST(missing_file)
{
	track_pseudo *p = (track_pseudo *)1;
	track_error err;
	char path[PATH_MAX];
	int loose;

	snprintf(path, sizeof path, "%s/no-key", tmpdir);
	ck_assert_int_eq(pseudo_open(&p, path, &loose, &err), TRACK_EXIT_IO);
	ck_assert(p == NULL);
	ck_assert_int_eq(err.kind, TRACK_EXIT_IO);
	ck_assert_msg(strstr(err.text, "no-key") != NULL, "message: %s",
	    err.text);
	/* A directory cannot be read as a key. */
	ck_assert_int_eq(pseudo_open(&p, tmpdir, &loose, &err), TRACK_EXIT_IO);
	ck_assert(p == NULL);
}
END_TEST

START_TEST(loose_permissions)
{
	static const struct {
		mode_t mode;
		int loose;
	} cases[] = {
		{ 0600, 0 }, { 0400, 0 }, { 0640, 1 }, { 0604, 1 },
		{ 0644, 1 }, { 0660, 1 }, { 0601, 1 }, { 0610, 1 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int loose = -1;
		track_pseudo *p = open_ok(key_file("perm", KEY_A,
		    strlen(KEY_A), cases[i].mode), &loose);

		ck_assert_msg(!!loose == cases[i].loose, "mode %o: loose %d",
		    (unsigned)cases[i].mode, loose);
		pseudo_free(p);
	}
}
END_TEST

START_TEST(long_key)
{
	static char big[PSEUDO_MAX_KEY + 8];
	track_pseudo *p = (track_pseudo *)1, *q;
	track_error err;
	char x[PSEUDO_LEN + 1];
	int loose;

	/* The longest key, with or without a line end, is read whole. */
	memset(big, 'k', sizeof big);
	q = open_ok(key_file("max", big, PSEUDO_MAX_KEY, 0600), NULL);
	snprintf(x, sizeof x, "%s", pseudonym(q, "A1"));
	pseudo_free(q);
	memcpy(big + PSEUDO_MAX_KEY, "\r\n", 2);
	q = open_ok(key_file("max-crlf", big, PSEUDO_MAX_KEY + 2, 0600), NULL);
	ck_assert_str_eq(pseudonym(q, "A1"), x);
	pseudo_free(q);
	/*
	 * One byte more is refused, not cut to the first 4096 bytes (which
	 * would give the same pseudonyms as another, shorter key).
	 */
	memset(big, 'k', sizeof big);
	ck_assert_int_eq(pseudo_open(&p, key_file("long", big,
	    PSEUDO_MAX_KEY + 1, 0600), &loose, &err), TRACK_EXIT_USAGE);
	ck_assert(p == NULL);
	ck_assert_msg(strstr(err.text, "more than 4096 bytes") != NULL,
	    "message: %s", err.text);
	ck_assert_int_eq(pseudo_open(&p, key_file("longer", big, sizeof big,
	    0600), &loose, &err), TRACK_EXIT_USAGE);
	ck_assert(p == NULL);
}
END_TEST

START_TEST(identifying_columns)
{
	static const char *const yes[][2] = {
		{ "name", "name" }, { "Name", "name" }, { "NAME ", "name" },
		{ "Pupil Name", "name" }, { "first_name", "name" },
		{ "FirstName", "name" }, { "names", "name" },
		{ "Forenames", "forename" }, { "surname", "surname" },
		{ "Surname(s)", "surname" }, { "legal_forename", "forename" },
		{ "Legal Surname", "surname" },
		{ "preferred-forename", "forename" },
		{ "PreferredName", "name" }, { "upn", "upn" },
		{ "UPN ", "upn" }, { " UPN", "upn" }, { "PupilUPN", "upn" },
		{ "Former UPN", "upn" }, { "ULN", "uln" }, { " dob", "dob" },
		{ "DOB", "dob" }, { "Date of Birth", "date_of_birth" },
		{ "DateOfBirth", "date_of_birth" }, { "birth-date", "birth_date" },
		{ "E-mail", "email" }, { "Email1", "email" },
		{ "parent_email", "email" }, { "Address Line 1", "address" },
		{ "addresses", "address" }, { "Post Code", "postcode" },
		{ "POSTCODE", "postcode" }, { "Telephone", "telephone" },
		{ "home_phone", "phone" }, { "Mobile No", "mobile" },
		{ "Adno", "adno" }, { "Admission Number", "admission_number" },
		{ "Candidate Number", "candidate_number" },
	};
	static const char *const no[] = {
		"pupil", "subject", "point", "value", "measure", "year",
		"against", "objective", "date", "gender", "pp", "send", "eal",
		"class", "vulnerable", "phonics", "named", "nameless", "dobby",
		"upnext", "ethnicity", "postal_area", "", " ", "__",
	};
	const char *const *list = pseudo_identifying_default;
	size_t n, i;
	const char *got;

	for (n = 0; list[n] != NULL; n++)
		;
	ck_assert(n >= 13);
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		got = pseudo_identifying(list, n, yes[i][0],
		    strlen(yes[i][0]));
		ck_assert_msg(got != NULL, "\"%s\" not matched", yes[i][0]);
		ck_assert_msg(strcmp(got, yes[i][1]) == 0 ||
		    strstr(got, yes[i][1]) != NULL, "\"%s\" matched %s",
		    yes[i][0], got);
	}
	for (i = 0; i < sizeof no / sizeof no[0]; i++) {
		got = pseudo_identifying(list, n, no[i], strlen(no[i]));
		ck_assert_msg(got == NULL, "\"%s\" matched %s", no[i], got);
	}
	/* Only `len` bytes count; a list of its own replaces the default. */
	ck_assert_ptr_null(pseudo_identifying(list, n, "dob", 2));
	ck_assert_ptr_nonnull(pseudo_identifying((const char *[]){ "scn" },
	    1, "Pupil SCN", 9));
	ck_assert_ptr_null(pseudo_identifying((const char *[]){ "scn" },
	    1, "name", 4));
}
END_TEST

START_TEST(scheme_lists)
{
	static const char custom[] = "{\"name\": \"t\", \"bands\": "
	    "[{\"id\": \"at\"}], \"years\": [{\"id\": \"1\"}], "
	    "\"subjects\": [{\"id\": \"maths\"}], \"scales\": {\"ta\": "
	    "{\"kind\": \"descriptor\", \"codes\": [{\"code\": \"EXS\", "
	    "\"band\": \"at\"}]}}, \"measures\": [{\"id\": \"ta\", "
	    "\"scale\": \"ta\"}], \"privacy\": {\"identifying\": "
	    "[\"upn\", \"scn\"]}}";
	static const char bad[] = "{\"name\": \"t\", \"bands\": "
	    "[{\"id\": \"at\"}], \"years\": [{\"id\": \"1\"}], "
	    "\"subjects\": [{\"id\": \"maths\"}], \"scales\": {\"ta\": "
	    "{\"kind\": \"descriptor\", \"codes\": [{\"code\": \"EXS\", "
	    "\"band\": \"at\"}]}}, \"measures\": [{\"id\": \"ta\", "
	    "\"scale\": \"ta\"}], \"privacy\": {\"identifying\": "
	    "[\"upn\", \" _ \"]}}";
	const char *const *list;
	track_scheme *s = NULL;
	track_error err;
	size_t n, i;

	/* The built-in scheme lists the built-in columns. */
	ck_assert_int_eq(scheme_load_default(&s, &err), 0);
	list = scheme_identifying(s, &n);
	ck_assert_ptr_nonnull(list);
	for (i = 0; pseudo_identifying_default[i] != NULL; i++) {
		ck_assert_uint_lt(i, n);
		ck_assert_str_eq(list[i], pseudo_identifying_default[i]);
	}
	ck_assert_uint_eq(i, n);
	ck_assert_ptr_null(list[n]);
	scheme_free(s);
	/* A scheme's own list. */
	ck_assert_int_eq(scheme_load_buffer(&s, custom, strlen(custom),
	    "t.json", &err), 0);
	list = scheme_identifying(s, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(list[0], "upn");
	ck_assert_str_eq(list[1], "scn");
	scheme_free(s);
	/* A name with no letter or digit would match nothing: refused. */
	ck_assert_int_eq(scheme_load_buffer(&s, bad, strlen(bad), "t.json",
	    &err), TRACK_EXIT_DATA);
	ck_assert_msg(strstr(err.text, "$.privacy.identifying[1]") != NULL,
	    "message: %s", err.text);
}
END_TEST

/* fnv1a64 computed here, independently of the library. */
static uint64_t
fnv(const char *s, size_t len)
{
	uint64_t h = UINT64_C(14695981039346656037);
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(1099511628211);
	}
	return h;
}

START_TEST(shards_known)
{
	/*
	 * From the published FNV-1a vectors: "" is 0xcbf29ce484222325,
	 * "a" 0xaf63dc4c8601ec8c, "foobar" 0x85944171f73967e8.
	 */
	ck_assert_uint_eq(pseudo_shard("", 0, 7), 3);
	ck_assert_uint_eq(pseudo_shard("a", 1, 7), 6);
	ck_assert_uint_eq(pseudo_shard("foobar", 6, 7), 7);
	ck_assert_uint_eq(pseudo_shard("", 0, 10), 8);
	ck_assert_uint_eq(pseudo_shard("a", 1, 10), 7);
	ck_assert_uint_eq(pseudo_shard("foobar", 6, 10), 9);
	ck_assert_uint_eq(pseudo_shard("foobar", 6, 1000), 969);
	ck_assert_uint_eq(pseudo_shard("a", 1, 1000), 997);
	ck_assert_uint_eq(pseudo_shard("foobar", 6, 3), 1);
	/* Only `len` bytes count, trimmed as the reports trim ids. */
	ck_assert_uint_eq(pseudo_shard("foobarbaz", 6, 1000), 969);
	ck_assert_uint_eq(pseudo_shard(" foobar\t", 8, 1000), 969);
	ck_assert(fnv("foobar", 6) == UINT64_C(0x85944171f73967e8));
}
END_TEST

START_TEST(shards_range)
{
	unsigned long n, count[17];
	char id[32];
	int i;

	for (n = 1; n <= 16; n++) {
		memset(count, 0, sizeof count);
		for (i = 0; i < 4000; i++) {
			int len = snprintf(id, sizeof id, "A%012d", i * 31);
			unsigned long s = pseudo_shard(id, (size_t)len, n);

			ck_assert_msg(s >= 1 && s <= n, "shard %lu of %lu", s,
			    n);
			ck_assert_uint_eq(s, fnv(id, (size_t)len) % n + 1);
			count[s]++;
		}
		/* Every shard gets some pupils. */
		for (i = 1; i <= (int)n; i++)
			ck_assert_msg(count[i] > 4000 / n / 2,
			    "shard %d of %lu has %lu", i, n, count[i]);
	}
	/* One shard holds everyone; a huge N still works. */
	ck_assert_uint_eq(pseudo_shard("anything", 8, 1), 1);
	ck_assert_uint_eq(pseudo_shard("a", 1, (unsigned long)-1),
	    (unsigned long)(UINT64_C(0xaf63dc4c8601ec8c) %
	    (unsigned long)-1) + 1);
}
END_TEST

static Suite *
pseudo_suite(void)
{
	Suite *s = suite_create("pseudo");
	TCase *tc = tcase_create("pseudo");

	tcase_add_unchecked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, format);
	tcase_add_test(tc, known_vector);
	tcase_add_test(tc, context_reused);
	tcase_add_test(tc, stable_and_keyed);
	tcase_add_test(tc, trailing_newline);
	tcase_add_test(tc, short_key);
	tcase_add_test(tc, missing_file);
	tcase_add_test(tc, loose_permissions);
	tcase_add_test(tc, long_key);
	tcase_add_test(tc, identifying_columns);
	tcase_add_test(tc, scheme_lists);
	tcase_add_test(tc, shards_known);
	tcase_add_test(tc, shards_range);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(pseudo_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
