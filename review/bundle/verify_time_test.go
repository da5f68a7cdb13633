package bundle

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sshTime is an allowed_signers / -O verify-time timestamp in UTC.
func sshTime(t time.Time) string { return t.UTC().Format("20060102150405") + "Z" }

// TestVerifyTimeAgreesWithSSHKeygen signs a bundle that claims to be
// created on 2026-01-01 and checks it against allowed_signers lines whose
// validity windows lie in the past, the future, straddle now, or hold the
// bundle's claimed time only, at each verification time sightline offers.
// sightline's verdict must be the one written here and the one ssh-keygen
// -Y verify gives for the same file, signature and time.
func TestVerifyTimeAgreesWithSSHKeygen(t *testing.T) {
	fx := newExportFixture(t) // created 2026-01-01T00:00:00Z
	out := fx.export(t, "findings.json", FormatBundle, false)
	key := authorizedKey(fx.signer.PublicKey())
	now := time.Now().UTC()
	day := 24 * time.Hour
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	given := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	opt := func(parts ...string) string { return strings.Join(parts, ",") + " " }
	va := func(t time.Time) string { return `valid-after="` + sshTime(t) + `"` }
	vb := func(t time.Time) string { return `valid-before="` + sshTime(t) + `"` }
	ns := `namespaces="sightline-findings@v1"`
	// want: verdict checked now, at --at 2025-06-01, at --at created.
	cases := []struct {
		name, opts string
		want       [3]bool
	}{
		{"none", "", [3]bool{true, true, true}},
		{"before past", opt(vb(now.Add(-30 * day))), [3]bool{false, true, true}},
		{"before future", opt(vb(now.Add(30 * day))), [3]bool{true, true, true}},
		{"after past", opt(va(now.Add(-30 * day))), [3]bool{true, false, false}},
		{"after future", opt(va(now.Add(30 * day))), [3]bool{false, false, false}},
		{"straddling now", opt(va(now.Add(-30*day)), vb(now.Add(30*day))), [3]bool{true, false, false}},
		{"both past, holds created", opt(va(created.Add(-day)), vb(now.Add(-30*day))), [3]bool{false, false, true}},
		{"both past, holds given", opt(va(given.Add(-day)), vb(given.Add(day))), [3]bool{false, true, false}},
		{"both future", opt(va(now.Add(30*day)), vb(now.Add(60*day))), [3]bool{false, false, false}},
		{"namespace, expired", opt(ns, vb(now.Add(-30*day))), [3]bool{false, true, true}},
		{"namespace pattern, straddling", opt(`namespaces="sightline-*"`, va(given.Add(-day)), vb(now.Add(day))), [3]bool{true, true, true}},
		{"wrong namespace, valid", opt(`namespaces="file"`, va(given.Add(-day))), [3]bool{false, false, false}},
		{"upper-case options", opt(strings.ToUpper("valid-before") + `="` + sshTime(now.Add(-day)) + `"`), [3]bool{false, true, true}},
	}
	times := []struct {
		name string
		at   VerifyTime
		ssh  []string // ssh-keygen -O arguments
		word string   // how the report names the time
	}{
		{"now", VerifyTime{}, nil, "(verification time)"},
		{"given", VerifyTime{At: given}, []string{"-O", "verify-time=" + sshTime(given)}, "2025-06-01T00:00:00Z (time given with --at)"},
		{"created", VerifyAtCreated, []string{"-O", "verify-time=" + sshTime(created)}, "2026-01-01T00:00:00Z (the bundle's created time: the SIGNER'S CLAIM"},
	}
	_, lookErr := exec.LookPath("ssh-keygen")
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		p := filepath.Join(t.TempDir(), "allowed_signers")
		writeFile(t, p, testID+" "+c.opts+key+"\n")
		for i, tm := range times {
			t.Run(c.name+"/"+tm.name, func(t *testing.T) {
				rep := Verify(context.Background(), VerifyOptions{BundlePath: out, SignersPath: p, At: tm.at})
				text := reportText(rep)
				if rep.OK() != c.want[i] {
					t.Errorf("sightline: OK=%v, want %v:\n%s", rep.OK(), c.want[i], text)
				}
				if !strings.Contains(text, tm.word) {
					t.Errorf("the report does not name the time used (%q):\n%s", tm.word, text)
				}
				if lookErr != nil {
					return
				}
				args := append([]string{"-Y", "verify", "-f", p, "-I", testID, "-n", SignatureNamespace, "-s", out + ".sig"}, tm.ssh...)
				cmd := exec.Command("ssh-keygen", args...)
				cmd.Stdin = bytes.NewReader(data)
				b, err := cmd.CombinedOutput()
				if got := err == nil; got != c.want[i] {
					t.Errorf("ssh-keygen %v: accepted=%v, want %v:\n%s", tm.ssh, got, c.want[i], b)
				}
			})
		}
	}
}

// TestVerifyRefusesBackdatedBundleFromExpiredKey is issue 17.4: a key
// that expired before the bundle was signed must not verify because the
// signer wrote an earlier created time into the bundle.
func TestVerifyRefusesBackdatedBundleFromExpiredKey(t *testing.T) {
	fx := newExportFixture(t) // signed now, claims 2026-01-01
	out := fx.export(t, "findings.json", FormatBundle, false)
	p := filepath.Join(t.TempDir(), "as")
	expired := time.Now().Add(-time.Hour)
	writeFile(t, p, testID+` valid-before="`+sshTime(expired)+`" `+authorizedKey(fx.signer.PublicKey())+"\n")
	rep := Verify(context.Background(), VerifyOptions{BundlePath: out, SignersPath: p})
	wantLine(t, rep, 1, "FAIL signer: signer not allowed: ")
	wantLine(t, rep, 1, "key has expired: ")
	wantLine(t, rep, 1, "(verification time)")
	if rep.CheckedAtLabel != "verification time" || time.Since(rep.CheckedAt) > time.Minute {
		t.Errorf("CheckedAt = %v %q, want about now", rep.CheckedAt, rep.CheckedAtLabel)
	}
}

func TestParseVerifyTime(t *testing.T) {
	for in, want := range map[string]VerifyTime{
		"":                          {},
		"now":                       {},
		"created":                   VerifyAtCreated,
		"2025-06-01T00:00:00Z":      {At: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)},
		"2025-06-01T02:00:00+02:00": {At: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)},
	} {
		got, err := ParseVerifyTime(in)
		if err != nil || !got.At.Equal(want.At) || got.Created != want.Created {
			t.Errorf("ParseVerifyTime(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"yesterday", "20250601", "2025-06-01", "Created", "1960-01-01T00:00:00Z"} {
		if _, err := ParseVerifyTime(bad); err == nil {
			t.Errorf("ParseVerifyTime(%q) accepted", bad)
		}
	}
}
