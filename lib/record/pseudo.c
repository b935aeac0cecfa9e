/* pseudo.c - keyed pseudonyms and pupil shards; see pseudo.h. */
#include "pseudo.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/str.h"
#include "base/strmap.h"

/* Room for the longest key, a CR LF after it and one byte more. */
#define KEY_ROOM (PSEUDO_MAX_KEY + 3)

struct track_pseudo {
	unsigned char key[KEY_ROOM];
	size_t keylen;
	EVP_MAC_CTX *mac;	/* HMAC-SHA256, keyed once, or NULL */
};

const char *const pseudo_identifying_default[] = {
	"name", "forename", "surname", "middle_name", "legal_forename",
	"legal_surname", "preferred_forename", "preferred_surname",
	"preferred_name", "former_surname", "upn", "former_upn", "uln",
	"uci", "candidate_number", "admission_number", "adno", "dob",
	"date_of_birth", "birth_date", "email", "address", "postcode",
	"telephone", "phone", "mobile", "nhs_number", "ni_number", NULL
};


/*
 * An HMAC-SHA256 context keyed with `key`, to be set going again for each
 * pseudonym (EVP_MAC_init with no key keeps the key): HMAC() would look
 * the digest up, make a context and key it for every record, which took
 * thirteen times as long as writing the record.  NULL when OpenSSL cannot
 * make one: then pseudo_make calls HMAC() as before.
 */
static EVP_MAC_CTX *
keyed_mac(const unsigned char *key, size_t len)
{
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *ctx = mac != NULL ? EVP_MAC_CTX_new(mac) : NULL;
	OSSL_PARAM params[2];

	EVP_MAC_free(mac);
	params[0] = OSSL_PARAM_construct_utf8_string("digest", "SHA256", 0);
	params[1] = OSSL_PARAM_construct_end();
	if (ctx != NULL && EVP_MAC_init(ctx, key, len, params) != 1) {
		EVP_MAC_CTX_free(ctx);
		ctx = NULL;
	}
	return ctx;
}

int
pseudo_open(track_pseudo **out, const char *keyfile, int *loose,
    track_error *err)
{
	track_pseudo *p;
	struct stat st;
	ssize_t n;
	size_t len = 0;
	int fd, rc = 0;

	*out = NULL;
	*loose = 0;
	fd = open(keyfile, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return error_set(err, TRACK_EXIT_IO, NULL, 0,
		    "cannot open key file %s: %s", keyfile, strerror(errno));
	if (fstat(fd, &st) == 0 && (st.st_mode & 077) != 0)
		*loose = 1;
	p = calloc(1, sizeof *p);
	if (p == NULL) {
		close(fd);
		return error_set(err, TRACK_EXIT_IO, NULL, 0, "out of memory");
	}
	/* Read one byte past the limit, to tell a long key from a full one. */
	while (len < KEY_ROOM) {
		n = read(fd, p->key + len, KEY_ROOM - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = error_set(err, TRACK_EXIT_IO, NULL, 0,
			    "cannot read key file %s: %s", keyfile,
			    strerror(errno));
			break;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (len > 0 && p->key[len - 1] == '\n')
		len--;
	if (len > 0 && p->key[len - 1] == '\r')
		len--;
	if (rc == 0 && len < PSEUDO_MIN_KEY)
		rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "key file %s holds %zu bytes; a key needs at least %d "
		    "(e.g. head -c 32 /dev/urandom | base64 > %s)", keyfile,
		    len, PSEUDO_MIN_KEY, keyfile);
	if (rc == 0 && len > PSEUDO_MAX_KEY)
		rc = error_set(err, TRACK_EXIT_USAGE, NULL, 0,
		    "key file %s holds more than %d bytes, the longest key "
		    "there can be (is it the right file?)", keyfile,
		    PSEUDO_MAX_KEY);
	if (rc != 0) {
		pseudo_free(p);
		return rc;
	}
	p->keylen = len;
	p->mac = keyed_mac(p->key, len);
	*out = p;
	return 0;
}

size_t
pseudo_make(track_pseudo *p, const char *id, size_t len,
    char out[PSEUDO_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	size_t maclen = 0;
	track_str t = str_trim((track_str){ id, len });
	int i;

	id = t.ptr;
	len = t.len;
	if (len == 0) {
		out[0] = '\0';
		return 0;
	}
	if (p->mac == NULL || EVP_MAC_init(p->mac, NULL, 0, NULL) != 1 ||
	    EVP_MAC_update(p->mac, (const unsigned char *)id, len) != 1 ||
	    EVP_MAC_final(p->mac, md, &maclen, sizeof md) != 1)
		HMAC(EVP_sha256(), p->key, (int)p->keylen,
		    (const unsigned char *)id, len, md, &mdlen);
	out[0] = 'p';
	for (i = 0; i < (PSEUDO_LEN - 1) / 2; i++) {
		out[1 + 2 * i] = hex[md[i] >> 4];
		out[2 + 2 * i] = hex[md[i] & 15];
	}
	out[PSEUDO_LEN] = '\0';
	return PSEUDO_LEN;
}

void
pseudo_free(track_pseudo *p)
{
	if (p == NULL)
		return;
	EVP_MAC_CTX_free(p->mac);
	OPENSSL_cleanse(p->key, sizeof p->key);
	free(p);
}

unsigned long
pseudo_shard(const char *id, size_t len, unsigned long n)
{
	track_str t = str_trim((track_str){ id, len });

	return (unsigned long)(fnv1a64(t.ptr, t.len) % n) + 1;
}

/* ASCII letters and digits, and every byte of a UTF-8 sequence. */
static int
is_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Nonzero when a word of `s` starts at byte i (see pseudo_identifying). */
static int
word_start(const unsigned char *s, size_t i)
{
	unsigned char a, b = s[i];

	if (!is_word(b))
		return 0;
	if (i == 0 || !is_word(s[i - 1]))
		return 1;
	a = s[i - 1];
	if (a >= 'a' && a <= 'z' && b >= 'A' && b <= 'Z')
		return 1;
	return a < 0x80 && b < 0x80 && is_digit(a) != is_digit(b);
}

/*
 * Nonzero when `name`, folded (letters and digits only, lower case),
 * matches the column's word bytes from i on, and ends where a word ends
 * (allowing a plural "s" or "es").
 */
static int
match_at(const unsigned char *s, size_t len, size_t i, const char *name)
{
	const unsigned char *q = (const unsigned char *)name;
	size_t k = i;

	for (; *q != '\0'; q++) {
		if (!is_word(*q))
			continue;
		while (k < len && !is_word(s[k]))
			k++;
		if (k == len || lower(s[k]) != lower(*q))
			return 0;
		k++;
	}
	if (k < len && is_word(s[k]) && !word_start(s, k)) {
		if (lower(s[k]) == 'e' && k + 1 < len &&
		    lower(s[k + 1]) == 's')
			k++;
		if (lower(s[k]) != 's')
			return 0;
		k++;
	}
	return k == len || !is_word(s[k]) || word_start(s, k);
}

const char *
pseudo_identifying(const char *const *list, size_t n, const char *col,
    size_t len)
{
	const unsigned char *s = (const unsigned char *)col;
	size_t i, j;

	for (i = 0; i < len; i++) {
		if (!word_start(s, i))
			continue;
		for (j = 0; j < n; j++)
			if (match_at(s, len, i, list[j]))
				return list[j];
	}
	return NULL;
}
