#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

#include "crypto.h"
#include "log.h"
#include "update.h"

#define STAGING_IMAGE "/var/lib/otaupd/staged.img"
#define STAGING_SIG   "/var/lib/otaupd/staged.sig"
#define BOOT_FLAG     "/var/lib/otaupd/next-slot"
#define SIG_LEN       64

static char active_slot = 'a';

const char *update_active_slot(void)
{
	return active_slot == 'a' ? "a" : "b";
}

/* copy_fd copies exactly len bytes from the socket to a new file. */
static int copy_fd(int from, const char *path, size_t len)
{
	char buf[4096];
	int to = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (to < 0)
		return -1;
	while (len > 0) {
		ssize_t n = read(from, buf, len < sizeof(buf) ? len : sizeof(buf));

		if (n <= 0 || write(to, buf, (size_t)n) != n) {
			close(to);
			return -1;
		}
		len -= (size_t)n;
	}
	return close(to);
}

int update_receive(const struct config *cfg, int fd, size_t length)
{
	if (length <= SIG_LEN || length > UPDATE_MAX_IMAGE + SIG_LEN)
		return UPDATE_ETOOBIG;
	if (copy_fd(fd, STAGING_IMAGE, length - SIG_LEN) != 0 ||
	    copy_fd(fd, STAGING_SIG, SIG_LEN) != 0) {
		log_err("update: cannot stage image: %s", strerror(errno));
		return UPDATE_EIO;
	}
	return update_apply(cfg, STAGING_IMAGE, STAGING_SIG);
}

static int write_slot(const char *image, const char *slot)
{
	FILE *in = fopen(image, "rb");
	FILE *out = fopen(slot, "r+b");
	long size;
	char *data;
	int rc = -1;

	if (in == NULL || out == NULL)
		goto done;
	if (fseek(in, 0, SEEK_END) != 0 || (size = ftell(in)) <= 0 || fseek(in, 0, SEEK_SET) != 0)
		goto done;
	data = malloc((size_t)size);
	if (data == NULL)
		goto done;
	if (fread(data, 1, (size_t)size, in) == (size_t)size &&
	    fwrite(data, 1, (size_t)size, out) == (size_t)size && fflush(out) == 0)
		rc = fsync(fileno(out));
	free(data);
done:
	if (in)
		fclose(in);
	if (out)
		fclose(out);
	return rc;
}

int update_apply(const struct config *cfg, const char *image, const char *sig)
{
	const char *slot = active_slot == 'a' ? cfg->slot_b : cfg->slot_a;
	FILE *flag;

	if (crypto_verify_file(image, sig, cfg->pubkey_file) != 0) {
		log_err("update: %s: bad signature, rejected", image);
		return UPDATE_EBADSIG;
	}
	if (write_slot(image, slot) != 0) {
		log_err("update: cannot write %s: %s", slot, strerror(errno));
		return UPDATE_EIO;
	}
	flag = fopen(BOOT_FLAG, "w");
	if (flag == NULL)
		return UPDATE_EIO;
	fprintf(flag, "%c\n", active_slot == 'a' ? 'b' : 'a');
	if (fclose(flag) != 0)
		return UPDATE_EIO;
	log_info("update: image staged in slot %c, active after reboot", active_slot == 'a' ? 'b' : 'a');
	return UPDATE_OK;
}

void update_reboot(void)
{
	log_info("update: rebooting");
	sync();
	reboot(RB_AUTOBOOT);
}
