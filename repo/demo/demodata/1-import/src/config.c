#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	strcpy(cfg->listen_addr, "127.0.0.1");
	cfg->listen_port = 8443;
	strcpy(cfg->token_file, "/etc/otaupd/token");
	strcpy(cfg->pubkey_file, "/etc/otaupd/release.pub");
	strcpy(cfg->serial_dev, "/dev/ttyS1");
	cfg->serial_baud = 115200;
	cfg->log_level = OTA_LOG_INFO;
}

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int set_string(char *dst, size_t size, const char *value)
{
	if (strlen(value) >= size)
		return -1;
	strcpy(dst, value);
	return 0;
}

static int set_number(unsigned long *dst, const char *value, unsigned long max)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(value, &end, 10);
	if (errno != 0 || *end != '\0' || end == value || n > max)
		return -1;
	*dst = n;
	return 0;
}

static int apply(struct config *cfg, const char *key, const char *value)
{
	unsigned long n;

	if (strcmp(key, "listen_addr") == 0)
		return set_string(cfg->listen_addr, sizeof(cfg->listen_addr), value);
	if (strcmp(key, "listen_port") == 0) {
		if (set_number(&n, value, 65535) != 0 || n == 0)
			return -1;
		cfg->listen_port = (unsigned short)n;
		return 0;
	}
	if (strcmp(key, "token_file") == 0)
		return set_string(cfg->token_file, sizeof(cfg->token_file), value);
	if (strcmp(key, "pubkey_file") == 0)
		return set_string(cfg->pubkey_file, sizeof(cfg->pubkey_file), value);
	if (strcmp(key, "slot_a") == 0)
		return set_string(cfg->slot_a, sizeof(cfg->slot_a), value);
	if (strcmp(key, "slot_b") == 0)
		return set_string(cfg->slot_b, sizeof(cfg->slot_b), value);
	if (strcmp(key, "serial_dev") == 0)
		return set_string(cfg->serial_dev, sizeof(cfg->serial_dev), value);
	if (strcmp(key, "serial_baud") == 0) {
		if (set_number(&n, value, 921600) != 0)
			return -1;
		cfg->serial_baud = (unsigned)n;
		return 0;
	}
	if (strcmp(key, "log_level") == 0) {
		if (set_number(&n, value, OTA_LOG_DEBUG) != 0)
			return -1;
		cfg->log_level = (int)n;
		return 0;
	}
	log_warn("config: unknown key \"%s\" ignored", key);
	return 0;
}

int config_load(const char *path, struct config *cfg)
{
	char line[512];
	int lineno = 0;
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		log_err("config: %s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *key, *value, *eq;

		lineno++;
		key = trim(line);
		if (*key == '\0' || *key == '#')
			continue;
		eq = strchr(key, '=');
		if (eq == NULL) {
			log_err("config: %s:%d: expected key = value", path, lineno);
			fclose(f);
			return -1;
		}
		*eq = '\0';
		key = trim(key);
		value = trim(eq + 1);
		if (apply(cfg, key, value) != 0) {
			log_err("config: %s:%d: bad value for %s", path, lineno, key);
			fclose(f);
			return -1;
		}
	}
	fclose(f);
	return 0;
}
