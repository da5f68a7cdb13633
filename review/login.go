package review

import (
	"bufio"
	"io"
	"os"
	"strconv"
	"strings"
)

// loginName is the name /etc/passwd gives uid, or "" (no such file, no
// such uid, or a negative uid as on Windows).
func loginName(uid int) string {
	if uid < 0 {
		return ""
	}
	f, err := os.Open("/etc/passwd")
	if err != nil {
		return ""
	}
	defer f.Close()
	return passwdName(f, uid)
}

// passwdName finds uid in passwd(5) lines. At most 4 MiB are read: the
// file is local and small, but nothing here trusts a size.
func passwdName(r io.Reader, uid int) string {
	want := strconv.Itoa(uid)
	sc := bufio.NewScanner(io.LimitReader(r, 4<<20))
	for sc.Scan() {
		// name:password:uid:gid:gecos:home:shell
		f := strings.SplitN(sc.Text(), ":", 4)
		if len(f) == 4 && f[2] == want && f[0] != "" && !strings.HasPrefix(f[0], "#") {
			return f[0]
		}
	}
	return ""
}
