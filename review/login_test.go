package review

import (
	"strings"
	"testing"
)

func TestPasswdName(t *testing.T) {
	body := "# comment:x:1000:1000\nroot:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000:Alice:/home/alice:/bin/sh\nbroken line\n"
	for uid, want := range map[int]string{0: "root", 1000: "alice", 1001: ""} {
		if got := passwdName(strings.NewReader(body), uid); got != want {
			t.Errorf("passwdName(%d) = %q, want %q", uid, got, want)
		}
	}
	if got := loginName(-1); got != "" {
		t.Errorf("a negative uid (Windows) named %q", got)
	}
}
