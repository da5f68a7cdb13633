#ifndef OTAUPD_CRYPTO_H
#define OTAUPD_CRYPTO_H

int crypto_setup(void);

/* crypto_verify_file checks the detached Ed25519ph signature in sigfile
 * over the whole of image, with the public key in pubkey_file. It returns
 * 0 only when the signature verifies. */
int crypto_verify_file(const char *image, const char *sigfile, const char *pubkey_file);

#endif
