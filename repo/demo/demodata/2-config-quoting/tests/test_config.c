#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

static const char *write_tmp(const char *text)
{
	static char path[] = "/tmp/otaupd-test-XXXXXX";
	int fd;

	strcpy(path, "/tmp/otaupd-test-XXXXXX");
	fd = mkstemp(path);
	assert(fd >= 0);
	assert(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	return path;
}

int main(void)
{
	struct config cfg;
	const char *p;

	config_defaults(&cfg);
	p = write_tmp("# comment\nlisten_port = 9000\n  slot_a=/dev/a  \nlog_level = 3\n");
	assert(config_load(p, &cfg) == 0);
	assert(cfg.listen_port == 9000);
	assert(strcmp(cfg.slot_a, "/dev/a") == 0);
	assert(cfg.log_level == 3);
	unlink(p);

	p = write_tmp("listen_port = 70000\n");
	assert(config_load(p, &cfg) != 0);
	unlink(p);

	p = write_tmp("no equals sign\n");
	assert(config_load(p, &cfg) != 0);
	unlink(p);

	p = write_tmp("serial_dev = /dev/ttyS2   # service port\ntoken_file = \"/etc/ota #2/token\"\n");
	assert(config_load(p, &cfg) == 0);
	assert(strcmp(cfg.serial_dev, "/dev/ttyS2") == 0);
	assert(strcmp(cfg.token_file, "/etc/ota #2/token") == 0);
	unlink(p);

	p = write_tmp("token_file = \"/etc/unterminated\n");
	assert(config_load(p, &cfg) != 0);
	unlink(p);

	puts("test_config: ok");
	return 0;
}
