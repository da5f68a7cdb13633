package review

import (
	"errors"
	"testing"
)

func TestCheckIdentity(t *testing.T) {
	for _, id := range []string{"reviewer1@agency.example", "alice", "ålice@example.org", "r@x"} {
		if err := CheckIdentity(id); err != nil {
			t.Errorf("CheckIdentity(%q) = %v, want nil", id, err)
		}
	}
	for _, id := range []string{"", "alice smith", "alice\n", "a\x00b", "a\x1bb", "a\u0085b", "a\u00a0b", "!alice", "a,b", "a\xffb"} {
		if err := CheckIdentity(id); !errors.Is(err, ErrInvalid) {
			t.Errorf("CheckIdentity(%q) = %v, want ErrInvalid", id, err)
		}
	}
}
