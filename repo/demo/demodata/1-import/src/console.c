#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "auth.h"
#include "console.h"
#include "log.h"
#include "update.h"
#include "version.h"

static char cmd[160];
static size_t cmd_len;
static int authed;

static speed_t baud(unsigned rate)
{
	switch (rate) {
	case 9600:   return B9600;
	case 57600:  return B57600;
	default:     return B115200;
	}
}

int console_open(const struct config *cfg)
{
	struct termios tio;
	int fd = open(cfg->serial_dev, O_RDWR | O_NOCTTY | O_NONBLOCK);

	if (fd < 0 || tcgetattr(fd, &tio) != 0) {
		log_warn("console: %s unavailable", cfg->serial_dev);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	cfmakeraw(&tio);
	cfsetispeed(&tio, baud(cfg->serial_baud));
	cfsetospeed(&tio, baud(cfg->serial_baud));
	tcsetattr(fd, TCSANOW, &tio);
	return fd;
}

static void reply(int fd, const char *s)
{
	if (write(fd, s, strlen(s)) < 0)
		log_debug("console: write failed");
}

static void run(int fd, const struct config *cfg)
{
	(void)cfg;
	if (strncmp(cmd, "auth ", 5) == 0) {
		authed = auth_check(cmd + 5) == AUTH_OK;
		reply(fd, authed ? "ok\r\n" : "denied\r\n");
	} else if (!authed) {
		reply(fd, "auth required\r\n");
	} else if (strcmp(cmd, "status") == 0) {
		reply(fd, "slot ");
		reply(fd, update_active_slot());
		reply(fd, " version " OTAUPD_VERSION "\r\n");
	} else if (strcmp(cmd, "reboot") == 0) {
		reply(fd, "rebooting\r\n");
		update_reboot();
	} else {
		reply(fd, "unknown command\r\n");
	}
}

void console_poll(int fd, const struct config *cfg)
{
	char c;

	while (read(fd, &c, 1) == 1) {
		if (c == '\r' || c == '\n') {
			cmd[cmd_len] = '\0';
			if (cmd_len > 0)
				run(fd, cfg);
			cmd_len = 0;
		} else if (cmd_len + 1 < sizeof(cmd)) {
			cmd[cmd_len++] = c;
		}
	}
}
