package bundle

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
)

func TestKeyPairFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "id")
	pub, err := WriteKeyPair(path, "reviewer1@agency.example", []byte("s3cret"))
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("private key mode = %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	pubText, _ := os.ReadFile(path + ".pub")
	if !strings.HasPrefix(string(pubText), "ssh-ed25519 ") || !strings.HasSuffix(string(pubText), " reviewer1@agency.example\n") {
		t.Fatalf(".pub = %q", pubText)
	}
	if _, err := WriteKeyPair(path, "", nil); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("overwrite: %v", err)
	}
	if _, err := LoadKeyFile(path, nil); err == nil || !strings.Contains(err.Error(), "encrypted") {
		t.Fatalf("encrypted key without a way to ask: %v", err)
	}
	// Each bcrypt-pbkdf run takes seconds under the race detector; the
	// plain run covers the wrong passphrase.
	if !raceBuild {
		wrong := func(string) ([]byte, error) { return []byte("nope"), nil }
		if _, err := LoadKeyFile(path, wrong); err == nil || !strings.Contains(err.Error(), "wrong passphrase") {
			t.Fatalf("wrong passphrase: %v", err)
		}
	}
	s, err := LoadKeyFile(path, func(string) ([]byte, error) { return []byte("s3cret"), nil })
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(s.PublicKey().Marshal(), pub.Marshal()) {
		t.Fatal("loaded key differs from the written public key")
	}
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		t.Skip("ssh-keygen not installed")
	}
	// OpenSSH reads the encrypted key sightline wrote.
	out, err := exec.Command("ssh-keygen", "-y", "-P", "s3cret", "-f", path).CombinedOutput()
	if err != nil || !strings.HasPrefix(string(pubText), strings.TrimSpace(string(out))) {
		t.Fatalf("ssh-keygen -y: %v\n%s", err, out)
	}
}

func TestArmorStrict(t *testing.T) {
	_, signer := testKey(t, t.TempDir(), "k")
	sig, err := SignBundle([]byte("x\n"), signer)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(sig, []byte(armorBegin)) || bytes.IndexByte(sig, '\r') >= 0 || !bytes.HasSuffix(sig, []byte(armorEnd+"\n")) {
		t.Fatalf("armor shape:\n%s", sig)
	}
	if _, err := ParseArmoredSignature(sig); err != nil {
		t.Fatal(err)
	}
	if _, err := ParseArmoredSignature(bytes.TrimSuffix(sig, []byte("\n"))); err != nil {
		t.Fatalf("no final newline: %v", err)
	}
	bad := map[string][]byte{
		"crlf":          bytes.ReplaceAll(sig, []byte("\n"), []byte("\r\n")),
		"leading junk":  append([]byte("junk\n"), sig...),
		"leading blank": append([]byte("\n"), sig...),
		"trailing junk": append(append([]byte{}, sig...), "x"...),
		"two newlines":  append(append([]byte{}, sig...), '\n'),
		"no footer":     sig[:len(sig)-len(armorEnd)-1],
		"bad base64":    bytes.Replace(sig, []byte("\n"), []byte("\n*"), 1),
		"pem header":    bytes.Replace(sig, []byte("\n"), []byte("\nProc-Type: 4,ENCRYPTED\n\n"), 1),
	}
	for name, b := range bad {
		if _, err := ParseArmoredSignature(b); !errors.Is(err, ErrArmor) {
			t.Errorf("%s: err = %v, want ErrArmor", name, err)
		}
	}
}

// startAgent runs an ssh-agent on a fresh socket for the test and stops
// it (by its own pid) at cleanup.
func startAgent(t *testing.T) string {
	t.Helper()
	for _, b := range []string{"ssh-agent", "ssh-add"} {
		if _, err := exec.LookPath(b); err != nil {
			t.Skipf("%s not installed", b)
		}
	}
	dir, err := os.MkdirTemp("", "sa") // short: unix socket paths are limited
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	sock := filepath.Join(dir, "s")
	cmd := exec.Command("ssh-agent", "-D", "-a", sock)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	for i := 0; i < 200; i++ {
		if _, err := os.Stat(sock); err == nil {
			return sock
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("ssh-agent did not create its socket")
	return ""
}

func TestAgentSigning(t *testing.T) {
	sock := startAgent(t)
	dir := t.TempDir()
	path, fileSigner := testKey(t, dir, "k")
	want := fileSigner.PublicKey()

	if _, _, err := AgentSigner(sock, want); !errors.Is(err, ErrKeyNotInAgent) || !strings.Contains(err.Error(), ssh.FingerprintSHA256(want)) {
		t.Fatalf("empty agent: %v", err)
	}
	if _, _, err := AgentSigner("", want); !errors.Is(err, ErrNoAgent) || !strings.Contains(err.Error(), ssh.FingerprintSHA256(want)) {
		t.Fatalf("no socket: %v", err)
	}
	add := exec.Command("ssh-add", path)
	add.Env = append(os.Environ(), "SSH_AUTH_SOCK="+sock)
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("ssh-add: %v\n%s", err, out)
	}
	// The private key file is gone: only the agent can sign now.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	s, closeAgent, err := AgentSigner(sock, want)
	if err != nil {
		t.Fatal(err)
	}
	defer closeAgent()
	msg := []byte("{\"a\":1}\n")
	sig, err := SignBundle(msg, s)
	if err != nil {
		t.Fatal(err)
	}
	sshKeygenVerify(t, want, "reviewer1@agency.example", msg, sig)
}

// sshKeygenVerify checks sig with ssh-keygen -Y verify, the verifier a
// receiving agency uses, and fails the test if it does not print Good.
func sshKeygenVerify(t *testing.T, key ssh.PublicKey, id string, msg, sig []byte) {
	t.Helper()
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		t.Log("ssh-keygen not installed: interop check skipped")
		return
	}
	dir := t.TempDir()
	as := filepath.Join(dir, "allowed_signers")
	if err := os.WriteFile(as, []byte(id+" "+authorizedKey(key)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sp := filepath.Join(dir, "m.sig")
	if err := os.WriteFile(sp, sig, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("ssh-keygen", "-Y", "verify", "-f", as, "-I", id, "-n", SignatureNamespace, "-s", sp)
	cmd.Stdin = bytes.NewReader(msg)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), `Good "`+SignatureNamespace+`" signature for `+id) {
		t.Fatalf("ssh-keygen -Y verify: %v\n%s", err, out)
	}
}

// TestOtherKeyTypesInteroperate signs with ECDSA and RSA keys made by
// ssh-keygen, both ways: sightline signs and ssh-keygen verifies, and
// ssh-keygen signs and sightline verifies.
func TestOtherKeyTypesInteroperate(t *testing.T) {
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		t.Skip("ssh-keygen not installed")
	}
	types := [][]string{{"ecdsa", "256"}, {"ecdsa", "384"}}
	if !testing.Short() {
		types = append(types, []string{"rsa", "3072"})
	}
	msg := []byte("{\"x\":1}\n")
	for _, kt := range types {
		t.Run(kt[0]+kt[1], func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "k")
			if out, err := exec.Command("ssh-keygen", "-q", "-t", kt[0], "-b", kt[1], "-N", "", "-f", path).CombinedOutput(); err != nil {
				t.Fatalf("ssh-keygen: %v %s", err, out)
			}
			s, err := LoadKeyFile(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			sig, err := SignBundle(msg, s)
			if err != nil {
				t.Fatal(err)
			}
			sshKeygenVerify(t, s.PublicKey(), testID, msg, sig)

			cmd := exec.Command("ssh-keygen", "-Y", "sign", "-f", path, "-n", SignatureNamespace)
			cmd.Stdin = bytes.NewReader(msg)
			theirs, err := cmd.Output()
			if err != nil {
				t.Fatal(err)
			}
			parsed, err := ParseArmoredSignature(theirs)
			if err != nil {
				t.Fatal(err)
			}
			if err := sshsig.Verify(bytes.NewReader(msg), parsed, s.PublicKey(), signatureHash, SignatureNamespace); err != nil {
				t.Fatalf("ssh-keygen's signature does not verify: %v", err)
			}
		})
	}
}
