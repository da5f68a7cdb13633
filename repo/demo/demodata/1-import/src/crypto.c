#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "crypto.h"
#include "log.h"

int crypto_setup(void)
{
	if (sodium_init() < 0) {
		log_err("crypto: libsodium failed to initialise");
		return -1;
	}
	return 0;
}

static int read_exact(const char *path, unsigned char *buf, size_t len)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (f == NULL) {
		log_err("crypto: %s: %s", path, strerror(errno));
		return -1;
	}
	n = fread(buf, 1, len, f);
	if (n != len || fgetc(f) != EOF) {
		log_err("crypto: %s: expected exactly %zu bytes", path, len);
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

int crypto_verify_file(const char *image, const char *sigfile, const char *pubkey_file)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char sig[crypto_sign_BYTES];
	unsigned char buf[16384];
	crypto_sign_state st;
	FILE *f;
	size_t n;

	if (read_exact(pubkey_file, pk, sizeof(pk)) != 0 ||
	    read_exact(sigfile, sig, sizeof(sig)) != 0)
		return -1;
	f = fopen(image, "rb");
	if (f == NULL) {
		log_err("crypto: %s: %s", image, strerror(errno));
		return -1;
	}
	crypto_sign_init(&st);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		crypto_sign_update(&st, buf, n);
	if (ferror(f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	if (crypto_sign_final_verify(&st, sig, pk) != 0) {
		log_warn("crypto: %s: signature does not verify", image);
		return -1;
	}
	return 0;
}
