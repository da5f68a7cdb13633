#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>
#include <time.h>

#include "log.h"

static int max_level = OTA_LOG_INFO;
static int use_syslog;

static const int syslog_prio[] = { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG };

void log_init(const char *ident, int level, int to_syslog)
{
	if (level < OTA_LOG_ERR)
		level = OTA_LOG_ERR;
	if (level > OTA_LOG_DEBUG)
		level = OTA_LOG_DEBUG;
	max_level = level;
	use_syslog = to_syslog;
	if (use_syslog)
		openlog(ident, LOG_PID, LOG_DAEMON);
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	if ((int)level > max_level)
		return;
	va_start(ap, fmt);
	if (use_syslog) {
		vsyslog(syslog_prio[level], fmt, ap);
	} else {
		char stamp[32];
		time_t now = time(NULL);

		strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", gmtime(&now));
		fprintf(stderr, "%s otaupd: ", stamp);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}
