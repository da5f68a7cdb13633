package bundle

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

func TestMatchPatternList(t *testing.T) {
	cases := []struct {
		s, list string
		want    int
	}{
		{"reviewer1@agency.example", "reviewer1@agency.example", 1},
		{"reviewer1@agency.example", "*", 1},
		{"reviewer1@agency.example", "*@agency.example", 1},
		{"reviewer1@agency.example", "!reviewer1@agency.example,*@agency.example", -1},
		{"reviewer1@agency.example", "*@agency.example,!reviewer1@agency.example", -1},
		{"reviewer2@agency.example", "!reviewer1@agency.example,*@agency.example", 1},
		{"reviewer2@agency.example", "!reviewer1@agency.example", 0},
		{"Reviewer1@agency.example", "reviewer1@agency.example", 0}, // case-sensitive
		{"reviewer1@agency.example", "reviewer?@agency.example", 1},
		{"reviewer10@agency.example", "reviewer?@agency.example", 0},
		{"a", "", 0},
		{"", "*", 1},
		{"abc", "a*c*", 1},
		{"abc", "a**?", 1},
		{"ab", "a*?b", 0},
		{"x", "y,,x", 1},
		{"x", strings.Repeat("y", 2000) + ",x", 0}, // over-long subpattern fails the list
	}
	for _, c := range cases {
		if got := matchPatternList(c.s, c.list); got != c.want {
			t.Errorf("matchPatternList(%q, %.40q) = %d, want %d", c.s, c.list, got, c.want)
		}
	}
}

func TestParseSignersTime(t *testing.T) {
	good := map[string]time.Time{
		"20200101Z":       time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		"202001011230z":   time.Date(2020, 1, 1, 12, 30, 0, 0, time.UTC),
		"20200101123045Z": time.Date(2020, 1, 1, 12, 30, 45, 0, time.UTC),
		"20200101UTC":     time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		"20200101":        time.Date(2020, 1, 1, 0, 0, 0, 0, time.Local),
	}
	for in, want := range good {
		got, err := parseSignersTime(in)
		if err != nil || got != want.Unix() {
			t.Errorf("parseSignersTime(%q) = %d, %v; want %d", in, got, err, want.Unix())
		}
	}
	for _, bad := range []string{"", "2020", "2020010", "20201301Z", "2020-1-01", "20200101 Z", "19691231Z"} {
		if _, err := parseSignersTime(bad); err == nil {
			t.Errorf("parseSignersTime(%q) accepted", bad)
		}
	}
}

// testKey makes an ed25519 key pair in dir with ssh-keygen's file layout,
// written by sightline's own GenerateKey.
func testKey(t testing.TB, dir, name string) (string, ssh.Signer) {
	t.Helper()
	path := filepath.Join(dir, name)
	if _, err := WriteKeyPair(path, name+"@agency.example", nil); err != nil {
		t.Fatal(err)
	}
	s, err := LoadKeyFile(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return path, s
}

func authorizedKey(k ssh.PublicKey) string {
	return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(k)))
}

// TestAllowedSignersAgainstSSHKeygen runs each allowed_signers line through
// sightline and through ssh-keygen -Y verify (with -O verify-time set to
// the same instant) and requires the same verdict.
func TestAllowedSignersAgainstSSHKeygen(t *testing.T) {
	dir := t.TempDir()
	_, signer := testKey(t, dir, "k")
	_, other := testKey(t, dir, "other")
	key := authorizedKey(signer.PublicKey())
	msg := []byte("{\"hello\":1}\n")
	sig, err := SignBundle(msg, signer)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2019, 12, 31, 10, 0, 0, 0, time.UTC)
	const id = "reviewer1@agency.example"
	cases := []struct {
		name, file, principal string
		want                  bool
	}{
		{"exact", id + " " + key, id, true},
		{"with comment", id + " " + key + " a comment", id, true},
		{"star", "* " + key, id, true},
		{"wildcard domain", "*@agency.example " + key, id, true},
		{"negation rejects", "!" + id + ",*@agency.example " + key, id, false},
		{"negation other", "!" + id + ",*@agency.example " + key, "reviewer2@agency.example", true},
		{"case differs", "Reviewer1@agency.example " + key, id, false},
		{"quoted principal", `"` + id + `" ` + key, id, true},
		{"namespace ok", id + ` namespaces="sightline-findings@v1" ` + key, id, true},
		{"namespace pattern", id + ` NAMESPACES="sightline-*" ` + key, id, true},
		{"namespace wrong", id + ` namespaces="file" ` + key, id, false},
		{"namespace negated", id + ` namespaces="!sightline-findings@v1,*" ` + key, id, false},
		{"valid-before expired", id + ` valid-before="20191231Z" ` + key, id, false},
		{"valid-before ok", id + ` valid-before="20200101Z" ` + key, id, true},
		{"valid-after future", id + ` valid-after="201912311001Z" ` + key, id, false},
		{"valid-after ok", id + ` valid-after="20191231095959Z",valid-before="20200101Z" ` + key, id, true},
		{"unknown option", id + ` no-touch-required ` + key, id, false},
		{"other key", id + " " + authorizedKey(other.PublicKey()), id, false},
		{"other principal", "reviewer2@agency.example " + key, id, false},
		{"second line wins", "# comment\n\n" + id + ` namespaces="file" ` + key + "\n" + id + " " + key, id, true},
		{"crlf line", id + " " + key + "\r", id, true},
		{"unterminated quote", `"` + id + " " + key, id, false},
		{"missing key", id + ` namespaces="x"`, id, false},
	}
	_, lookErr := exec.LookPath("ssh-keygen")
	haveKeygen := lookErr == nil
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			as := ParseAllowedSigners("allowed_signers", []byte(c.file+"\n"))
			_, err := as.Check(c.principal, SignatureNamespace, signer.PublicKey(), at)
			if got := err == nil; got != c.want {
				t.Errorf("sightline: accepted=%v, want %v (err: %v)", got, c.want, err)
			}
			if !haveKeygen {
				return
			}
			p := filepath.Join(t.TempDir(), "allowed_signers")
			if err := os.WriteFile(p, []byte(c.file+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			sp := filepath.Join(t.TempDir(), "m.sig")
			if err := os.WriteFile(sp, sig, 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("ssh-keygen", "-Y", "verify", "-f", p, "-I", c.principal, "-n", SignatureNamespace,
				"-s", sp, "-O", "verify-time="+at.Format("20060102150405")+"Z")
			cmd.Stdin = bytes.NewReader(msg)
			out, err := cmd.CombinedOutput()
			if got := err == nil; got != c.want {
				t.Errorf("ssh-keygen: accepted=%v, want %v:\n%s", got, c.want, out)
			}
		})
	}
}

func TestAllowedSignersRefusesCertAuthority(t *testing.T) {
	dir := t.TempDir()
	_, signer := testKey(t, dir, "k")
	line := fmt.Sprintf("reviewer1@agency.example cert-authority %s\n", authorizedKey(signer.PublicKey()))
	_, err := ParseAllowedSigners("as", []byte(line)).Check("reviewer1@agency.example", SignatureNamespace, signer.PublicKey(), time.Now())
	if err == nil || !strings.Contains(err.Error(), "cert-authority is not supported") || !strings.Contains(err.Error(), "as:1:") {
		t.Fatalf("want a refusal naming cert-authority and the line, got %v", err)
	}
	line = "reviewer1@agency.example verify-required " + authorizedKey(signer.PublicKey()) + "\n"
	_, err = ParseAllowedSigners("as", []byte(line)).Check("reviewer1@agency.example", SignatureNamespace, signer.PublicKey(), time.Now())
	if err == nil || !strings.Contains(err.Error(), `unsupported option "verify-required"`) {
		t.Fatalf("want an unsupported option message, got %v", err)
	}
}
