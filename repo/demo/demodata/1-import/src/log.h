#ifndef OTAUPD_LOG_H
#define OTAUPD_LOG_H

enum log_level { OTA_LOG_ERR, OTA_LOG_WARN, OTA_LOG_INFO, OTA_LOG_DEBUG };

void log_init(const char *ident, int level, int to_syslog);
void log_msg(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_err(...)   log_msg(OTA_LOG_ERR, __VA_ARGS__)
#define log_warn(...)  log_msg(OTA_LOG_WARN, __VA_ARGS__)
#define log_info(...)  log_msg(OTA_LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(OTA_LOG_DEBUG, __VA_ARGS__)

#endif
