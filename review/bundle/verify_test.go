package bundle

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
)

// resign rewrites the bundle at path through edit and signs it again with
// the fixture's allowed key: a consistent signature over changed content,
// so only the later checks can catch the change.
func (fx *exportFixture) resign(t *testing.T, path string, edit func(*Bundle)) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ReadBundle(data)
	if err != nil {
		t.Fatal(err)
	}
	edit(b)
	if data, err = b.Marshal(); err != nil {
		t.Fatal(err)
	}
	fx.resignBytes(t, path, data)
}

func (fx *exportFixture) resignBytes(t *testing.T, path string, data []byte) {
	t.Helper()
	sig, err := SignBundle(data, fx.signer)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, string(data))
	writeFile(t, path+".sig", string(sig))
}

func wantLine(t *testing.T, rep *VerifyReport, code int, want string) {
	t.Helper()
	text := reportText(rep)
	if rep.ExitCode() != code || !strings.Contains(text, want) {
		t.Errorf("want exit %d and a line containing %q; got exit %d:\n%s", code, want, rep.ExitCode(), text)
	}
}

func TestVerifyNamesEachFailure(t *testing.T) {
	fx := newExportFixture(t)
	out := fx.export(t, "findings.json", FormatBundle, false)
	id := testID
	key := authorizedKey(fx.signer.PublicKey())
	signersCase := func(name, content string, wants ...string) {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "allowed_signers")
			writeFile(t, p, content)
			rep := Verify(context.Background(), VerifyOptions{BundlePath: out, SignersPath: p})
			for _, want := range wants {
				wantLine(t, rep, 1, want)
			}
		})
	}
	signersCase("signer missing", "someone@agency.example "+key+"\n", `FAIL signer: signer not allowed: no line in`)
	signersCase("negation", "!"+id+",*@agency.example "+key+"\n", `no line in`)
	signersCase("namespace", id+` namespaces="file" `+key+"\n", `not permitted for use in signature namespace "sightline-findings@v1"`)
	// Validity is checked now (the verifier's clock), and the line says so.
	signersCase("expired", id+` valid-before="20251231Z" `+key+"\n", "key has expired: ", "> valid-before 2025-12-31T00:00:00Z",
		"; key validity checked at ", " (verification time)")
	signersCase("cert-authority", id+` cert-authority `+key+"\n", "cert-authority is not supported by sightline")
	signersCase("no file", "", "no line in")

	t.Run("armor", func(t *testing.T) {
		sig, _ := os.ReadFile(out + ".sig")
		for name, bad := range map[string][]byte{
			"crlf":    bytes.ReplaceAll(sig, []byte("\n"), []byte("\r\n")),
			"leading": append([]byte("Signed by me:\n"), sig...),
		} {
			p := filepath.Join(t.TempDir(), "f.sig")
			writeFile(t, p, string(bad))
			rep := Verify(context.Background(), VerifyOptions{BundlePath: out, SigPath: p, SignersPath: fx.signers})
			wantLine(t, rep, 1, "FAIL armor: signature file not in OpenSSH armor format")
			_ = name
		}
	})
	t.Run("no signature", func(t *testing.T) {
		rep := Verify(context.Background(), VerifyOptions{BundlePath: out, SigPath: out + ".missing", SignersPath: fx.signers, RepoPath: fx.repoDir})
		wantLine(t, rep, 1, "FAIL signature: cannot read the signature")
		wantLine(t, rep, 1, "SKIP repository: not checked")
	})
}

func TestVerifyAgainstRepositoryNamesMovedAndSwappedCode(t *testing.T) {
	fx := newExportFixture(t)
	out := fx.export(t, "findings.json", FormatBundle, false)
	moved := filepath.Join(fx.outDir, "moved.json")
	copyFile(t, out, moved)
	fx.resign(t, moved, func(b *Bundle) {
		l := &b.Findings[0].Steps[1].Location
		l.StartLine, l.EndLine = 5, 5
	})
	rep := fx.verify(t, moved, true)
	wantLine(t, rep, 1, "FAIL F-0001 step 2 lines: lines 5-5 hash to sha256:")
	wantLine(t, rep, 1, "range hash mismatch")
	wantLine(t, rep, 1, "PASS F-0001 step 1 lines")

	swapped := filepath.Join(fx.outDir, "swapped.json")
	copyFile(t, out, swapped)
	fx.resign(t, swapped, func(b *Bundle) {
		// src/same.c has the same length as src/main.c but other bytes.
		b.Findings[0].Steps[0].Location.Path = "src/same.c"
	})
	wantLine(t, fx.verify(t, swapped, true), 1, `FAIL F-0001 step 1 blob: "src/same.c" at`)
	wantLine(t, fx.verify(t, swapped, true), 1, "(blob mismatch)")

	cov := filepath.Join(fx.outDir, "coverage.json")
	copyFile(t, out, cov)
	fx.resign(t, cov, func(b *Bundle) { b.Coverage.Paths[0].Blob = strings.Repeat("0", 40) })
	wantLine(t, fx.verify(t, cov, true), 1, `FAIL coverage: "src/main.c": it is blob 63547da8e7f31738dc7991d0d6057172e4f920c8, the bundle says 0000000000000000000000000000000000000000 was read (blob mismatch)`)

	past := filepath.Join(fx.outDir, "past.json")
	copyFile(t, out, past)
	fx.resign(t, past, func(b *Bundle) {
		l := &b.Findings[1].Steps[0].Location
		l.StartLine, l.EndLine = 3, 9
	})
	wantLine(t, fx.verify(t, past, true), 1, "FAIL F-0002 step 1 lines: lines 3-9: location does not exist: the file has 3 lines")

	nocommit := filepath.Join(fx.outDir, "nocommit.json")
	copyFile(t, out, nocommit)
	fx.resign(t, nocommit, func(b *Bundle) { b.Pin.Commit = strings.Repeat("ab", 20) })
	wantLine(t, fx.verify(t, nocommit, true), 1, "FAIL pin commit: commit abababababababababababababababababababab: object "+strings.Repeat("ab", 20)+": object missing")

	t.Run("sha256 repository", func(t *testing.T) {
		if _, err := exec.LookPath("git"); err != nil {
			t.Skip("git not installed")
		}
		dir := t.TempDir()
		if out, err := exec.Command("git", "init", "-q", "--object-format=sha256", dir).CombinedOutput(); err != nil {
			t.Skipf("git cannot make a SHA-256 repository: %v %s", err, out)
		}
		rep := Verify(context.Background(), VerifyOptions{BundlePath: out, SignersPath: fx.signers, RepoPath: dir})
		wantLine(t, rep, 2, "CANNOT CHECK repository: ")
		wantLine(t, rep, 2, "SHA-256 object format")
	})
	t.Run("unreadable repository", func(t *testing.T) {
		rep := Verify(context.Background(), VerifyOptions{BundlePath: out, SignersPath: fx.signers, RepoPath: t.TempDir()})
		wantLine(t, rep, 2, "CANNOT CHECK repository: open ")
	})
}

// TestVerifyCatchesSubstitutedObject replaces the loose object file of a
// blob a finding names with another valid blob of the same length: go-git
// reads the substitute back without complaint, the verifier must not.
func TestVerifyCatchesSubstitutedObject(t *testing.T) {
	fx := newExportFixture(t)
	out := fx.export(t, "findings.json", FormatBundle, false)
	b, err := ReadBundle(mustRead(t, out))
	if err != nil {
		t.Fatal(err)
	}
	blob, err := repo.ParseHash(b.Findings[0].Steps[0].Location.Blob)
	if err != nil {
		t.Fatal(err)
	}
	evil := strings.Replace(mainC, "gets(buf)", "safe(buf)", 1)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	fmt.Fprintf(zw, "blob %d\x00%s", len(evil), evil)
	_ = zw.Close()
	hexID := blob.String() // the loose object's path, as git lays it out
	p := filepath.Join(fx.repoDir, ".git", "objects", hexID[:2], hexID[2:])
	_ = os.Chmod(p, 0o644)
	writeFile(t, p, z.String())
	wantLine(t, fx.verify(t, out, true), 1, "FAIL F-0001 step 1 blob: \"src/main.c\": blob "+blob.String()+": object content does not match its id")
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Notes do not change the verdict: checked at the bundle's created time
// (as asked), a key valid then but expired now, and a ref that moved since
// the review. Checked now, the same key fails, with a note explaining why.
func TestVerifyNotes(t *testing.T) {
	fx := newExportFixture(t)
	out := fx.export(t, "findings.json", FormatBundle, false)
	p := filepath.Join(t.TempDir(), "as")
	writeFile(t, p, testID+` valid-before="20260601Z" `+authorizedKey(fx.signer.PublicKey())+"\n")
	fx.rt.Commit("later", repotest.Tree{"src/main.c": {Content: "fixed\n"}})
	rep := Verify(context.Background(), VerifyOptions{BundlePath: out, SignersPath: p, RepoPath: fx.repoDir, At: VerifyAtCreated})
	wantLine(t, rep, 0, "key valid at 2026-01-01T00:00:00Z (the bundle's created time: the SIGNER'S CLAIM, not checked by anyone)")
	wantLine(t, rep, 0, "NOTE signer: key validity was checked at the bundle's created time 2026-01-01T00:00:00Z, which the signer wrote and could have backdated")
	wantLine(t, rep, 0, "NOTE signer: valid at the time checked, but not at the current time ")
	wantLine(t, rep, 0, `NOTE pin ref: "main" now names `)
	rep = Verify(context.Background(), VerifyOptions{BundlePath: out, SignersPath: p, RepoPath: fx.repoDir})
	wantLine(t, rep, 1, "(verification time)")
	wantLine(t, rep, 1, "NOTE signer: the key would be valid at the bundle's created time 2026-01-01T00:00:00Z (the signer's claim)")
	writeFile(t, p, "*@agency.example "+authorizedKey(fx.signer.PublicKey())+"\n")
	rep = Verify(context.Background(), VerifyOptions{BundlePath: out, SignersPath: p})
	wantLine(t, rep, 0, `NOTE signer: line 1 accepts the reviewer through the pattern "*@agency.example"`)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	for _, s := range []string{"", ".sig"} {
		data, err := os.ReadFile(from + s)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, to+s, string(data))
	}
}

func TestVerifyRefusesNonStrictBundleUnderValidSignature(t *testing.T) {
	fx := newExportFixture(t)
	out := fx.export(t, "findings.json", FormatBundle, false)
	good, _ := os.ReadFile(out)
	cases := map[string]struct{ data, want string }{
		"duplicate":    {strings.Replace(string(good), `"reviewer": `, `"reviewer": "mallory@agency.example", "reviewer": `, 1), `duplicate key "reviewer"`},
		"case variant": {strings.Replace(string(good), `"reviewer": `, `"Reviewer": "mallory@agency.example", "reviewer": `, 1), `keys "Reviewer" and "reviewer" differ only in letter case`},
		"long s":       {strings.Replace(string(good), `"status": "open"`, `"ſtatus": "confirmed", "status": "open"`, 1), `keys "ſtatus" and "status" differ only in letter case`},
		"unknown":      {strings.Replace(string(good), `"reviewer": `, `"approved": true, "reviewer": `, 1), `unknown field "approved"`},
		"wrong place":  {strings.Replace(string(good), `"tool": {`, `"tool": {"ref": "x", `, 1), `unknown field "ref"`},
		"bom":          {"\xef\xbb\xbf" + string(good), "byte order mark"},
		"bad utf8":     {strings.Replace(string(good), "odd file name", "odd \xff name", 1), "invalid UTF-8 at byte"},
		"float":        {strings.Replace(string(good), `"startLine": 2,`, `"startLine": 2.0,`, 1), "number 2.0 is not an integer"},
		"exponent":     {strings.Replace(string(good), `"startLine": 2,`, `"startLine": 2e0,`, 1), "number 2e0 is not an integer"},
		"surrogate":    {strings.Replace(string(good), "odd file name", `odd \ud800 name`, 1), "unpaired UTF-16 surrogate"},
		"null":         {strings.Replace(string(good), `"cwe": "",`, `"cwe": null,`, 1), "null value"},
		"trailing":     {string(good) + "{}\n", "data after the top-level object"},
		"crlf":         {strings.ReplaceAll(string(good), "\n", "\r\n"), "CR at byte"},
		"time":         {strings.Replace(string(good), `"created": "2026-01-01T00:00:00Z"`, `"created": "2026-01-01T01:00:00+01:00"`, 1), "not an RFC 3339 UTC time"},
		"pathBytes":    {strings.Replace(string(good), `"path": "src/main.c",`, `"path": "src/main.c", "pathBytes": "c3JjL3NhbWUuYw==",`, 1), "pathBytes must be given only for a path that is not UTF-8"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if c.data == string(good) {
				t.Fatal("test edit did not apply")
			}
			p := filepath.Join(t.TempDir(), "b.json")
			fx.resignBytes(t, p, []byte(c.data))
			rep := Verify(context.Background(), VerifyOptions{BundlePath: p, SignersPath: fx.signers, RepoPath: fx.repoDir})
			wantLine(t, rep, 1, "FAIL format: bundle not in strict format: ")
			wantLine(t, rep, 1, c.want)
			wantLine(t, rep, 1, "PASS signature")
		})
	}
}

// TestVerifyFailsOnEveryFlippedByte flips each byte of a small signed
// bundle in turn; every single change must make verification fail.
func TestVerifyFailsOnEveryFlippedByte(t *testing.T) {
	dir := t.TempDir()
	_, signer := testKey(t, dir, "k")
	created := "2026-01-01T00:00:00Z"
	b := &Bundle{Format: BundleFormat, Tool: BundleTool{Name: ToolName, Version: "v1"},
		Repository: BundleRepository{Name: "r", ObjectFormat: "sha1"},
		Pin:        BundlePin{Commit: strings.Repeat("a", 40), Tree: strings.Repeat("b", 40), Ref: "main"},
		Reviewer:   testID, Created: created,
		Findings: []BundleFinding{{ID: "F-0001", Title: "t", Severity: review.SeverityHigh, CWE: "CWE-78", Status: review.StatusOpen,
			Created: created, Updated: created, Steps: []BundleStep{{Note: "n", Location: BundleLocation{
				Commit: strings.Repeat("a", 40), Path: "a.c", Blob: strings.Repeat("c", 40), StartLine: 1, EndLine: 2,
				LineHash: "sha256:" + strings.Repeat("d", 64)}}}}}}
	data, err := b.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	sig, err := SignBundle(data, signer)
	if err != nil {
		t.Fatal(err)
	}
	as := ParseAllowedSigners("as", []byte(testID+" "+authorizedKey(signer.PublicKey())+"\n"))
	ctx := context.Background()
	if rep := verifyData(ctx, data, sig, nil, as, nil, VerifyOptions{}, time.Now()); rep.ExitCode() != 0 {
		t.Fatalf("unchanged bundle fails:\n%s", reportText(rep))
	}
	for i := range data {
		flipped := bytes.Clone(data)
		flipped[i] ^= 0x20
		if rep := verifyData(ctx, flipped, sig, nil, as, nil, VerifyOptions{}, time.Now()); rep.ExitCode() != 1 {
			t.Fatalf("byte %d (%q -> %q) flipped, yet exit %d:\n%s", i, data[i], flipped[i], rep.ExitCode(), reportText(rep))
		}
	}
	t.Logf("%d single-byte changes, all refused", len(data))
}

// TestVerifyAcceptsSSHKeygenSignatures signs with ssh-keygen -Y sign, as
// a reviewer without sightline's signing path would, and checks
// sightline verify accepts it; a sha256 signature and a wrong namespace
// are named.
func TestVerifyAcceptsSSHKeygenSignatures(t *testing.T) {
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		t.Skip("ssh-keygen not installed")
	}
	fx := newExportFixture(t)
	out := fx.export(t, "findings.json", FormatBundle, false)
	data, _ := os.ReadFile(out)
	sign := func(args ...string) {
		t.Helper()
		cmd := exec.Command("ssh-keygen", append([]string{"-Y", "sign", "-f", fx.keyPath}, args...)...)
		cmd.Stdin = bytes.NewReader(data)
		sig, err := cmd.Output()
		if err != nil {
			t.Fatalf("ssh-keygen -Y sign: %v", err)
		}
		writeFile(t, out+".sig", string(sig))
	}
	sign("-n", SignatureNamespace)
	if rep := fx.verify(t, out, true); rep.ExitCode() != 0 {
		t.Fatalf("ssh-keygen signature refused:\n%s", reportText(rep))
	}
	sign("-n", "file")
	wantLine(t, fx.verify(t, out, false), 1, `FAIL namespace: the signature is for namespace "file", not "sightline-findings@v1"`)
	sign("-n", SignatureNamespace, "-O", "hashalg=sha256")
	wantLine(t, fx.verify(t, out, false), 1, "FAIL hash: unsupported hash policy: the signature uses sha256")
}

func TestCreatedTimeFromSourceDateEpoch(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "86400")
	got, err := CreatedTime(time.Now())
	if err != nil || FormatBundleTime(got) != "1970-01-02T00:00:00Z" {
		t.Fatalf("got %v, %v", got, err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "253402300799")
	if got, err := CreatedTime(time.Now()); err != nil || FormatBundleTime(got) != "9999-12-31T23:59:59Z" {
		t.Fatalf("last RFC 3339 second: got %v, %v", got, err)
	}
	// A time past the year 9999 would make a bundle that verify refuses.
	for _, bad := range []string{"yesterday", "-5", "253402300800", "99999999999999"} {
		t.Setenv("SOURCE_DATE_EPOCH", bad)
		if _, err := CreatedTime(time.Now()); err == nil || !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH") {
			t.Fatalf("SOURCE_DATE_EPOCH=%s: %v", bad, err)
		}
	}
}

// Hostile file names pass verification and reach the report only in
// escaped form (SECURITY-NOTES VER-07).
func TestVerifyReportEscapesHostileNames(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	rt := repotest.New(t)
	names := []string{"name\nwith newline.txt", "esc\x1b[31mred.txt", "bidi\u202eexe.txt"}
	tree := repotest.Tree{}
	for _, n := range names {
		tree[n] = repotest.File{Content: "x\n"}
	}
	rt.Commit("hostile", tree)
	r, pin := pintest.Head(t, rt)
	ws, err := review.Open(t.TempDir(), review.MetaFor(r, pin, nil, testID))
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	for _, n := range names {
		l, err := review.NewLocation(context.Background(), r, pin.Commit, n, 1, 1, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ws.AddFinding(review.Finding{Title: "t\x1b]0;owned\x07", Severity: review.SeverityLow, Steps: []review.Step{{Location: l}}}); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	_, signer := testKey(t, dir, "k")
	signers := filepath.Join(dir, "as")
	writeFile(t, signers, testID+" "+authorizedKey(signer.PublicKey())+"\n")
	out := filepath.Join(dir, "f.json")
	if _, err := Export(context.Background(), ExportOptions{Workspace: ws, Repo: r, Identity: testID, Signer: signer, Output: out}); err != nil {
		t.Fatal(err)
	}
	rep := Verify(context.Background(), VerifyOptions{BundlePath: out, SignersPath: signers, RepoPath: rt.Dir})
	text := reportText(rep)
	if rep.ExitCode() != 0 || strings.ContainsAny(text, "\x1b\x07\u202e") || strings.Count(text, "\n") != len(rep.Checks) {
		t.Fatalf("exit %d, report not clean:\n%q", rep.ExitCode(), text)
	}
	for _, want := range []string{`"name\nwith newline.txt"`, `"esc\x1b[31mred.txt"`, `"bidi\u202eexe.txt"`} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %s:\n%s", want, text)
		}
	}
	md := RenderMarkdown(rep.Bundle)
	if strings.ContainsAny(md, "\x1b\x07\u202e") {
		t.Errorf("markdown holds raw controls:\n%q", md)
	}
}
