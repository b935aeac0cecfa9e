/* pseudo.c - keyed pseudonyms and pupil shards; see pseudo.h. */
#include "pseudo.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strmap.h"

#define MAX_KEY 4096

struct track_pseudo {
	unsigned char key[MAX_KEY];
	size_t keylen;
};

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
	while (len < MAX_KEY) {
		n = read(fd, p->key + len, MAX_KEY - len);
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
	if (rc != 0) {
		pseudo_free(p);
		return rc;
	}
	p->keylen = len;
	*out = p;
	return 0;
}

void
pseudo_make(const track_pseudo *p, const char *id, size_t len,
    char out[PSEUDO_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	int i;

	HMAC(EVP_sha256(), p->key, (int)p->keylen, (const unsigned char *)id,
	    len, md, &mdlen);
	out[0] = 'p';
	for (i = 0; i < (PSEUDO_LEN - 1) / 2; i++) {
		out[1 + 2 * i] = hex[md[i] >> 4];
		out[2 + 2 * i] = hex[md[i] & 15];
	}
	out[PSEUDO_LEN] = '\0';
}

void
pseudo_free(track_pseudo *p)
{
	if (p == NULL)
		return;
	OPENSSL_cleanse(p->key, sizeof p->key);
	free(p);
}

unsigned long
shard_of(const char *id, size_t len, unsigned long n)
{
	return (unsigned long)(fnv1a64(id, len) % n) + 1;
}
