#ifndef OTAUPD_CONFIG_H
#define OTAUPD_CONFIG_H

struct config {
	char listen_addr[64];
	unsigned short listen_port;
	char token_file[256];
	char pubkey_file[256];
	char slot_a[128];
	char slot_b[128];
	char serial_dev[64];
	unsigned serial_baud;
	int log_level;
	int allow_unsigned; /* lab rigs only: accept images without a valid signature */
};

void config_defaults(struct config *cfg);
int config_load(const char *path, struct config *cfg);

#endif
