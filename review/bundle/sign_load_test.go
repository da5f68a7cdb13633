package bundle

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadSignerKeyFile(t *testing.T) {
	dir := t.TempDir()
	path, want := testKey(t, dir, "k")
	s, release, err := LoadSigner(SignerOptions{Key: path})
	if err != nil {
		t.Fatal(err)
	}
	release()
	if !bytes.Equal(s.PublicKey().Marshal(), want.PublicKey().Marshal()) {
		t.Error("LoadSigner read another key")
	}

	enc := filepath.Join(dir, "enc")
	if _, err := WriteKeyPair(enc, "", []byte("s3cret")); err != nil {
		t.Fatal(err)
	}
	asked := ""
	pass := func(p string) ([]byte, error) { asked = p; return []byte("s3cret"), nil }
	if _, _, err := LoadSigner(SignerOptions{Key: enc, Passphrase: pass}); err != nil || asked != enc {
		t.Fatalf("encrypted key: asked %q, err %v", asked, err)
	}
	refuse := errors.New("no terminal to ask on")
	_, _, err = LoadSigner(SignerOptions{Key: enc, Passphrase: func(string) ([]byte, error) { return nil, refuse }})
	if !errors.Is(err, refuse) || !strings.Contains(err.Error(), enc) {
		t.Fatalf("the passphrase function's error is not passed on: %v", err)
	}
}

func TestLoadSignerNoKeyIsUnsigned(t *testing.T) {
	s, release, err := LoadSigner(SignerOptions{})
	if s != nil || err != nil || release == nil {
		t.Fatalf("LoadSigner() = %v, %v, %v; want nil, a release func, nil", s, release == nil, err)
	}
	release()
}

func TestLoadSignerAgent(t *testing.T) {
	sock := startAgent(t)
	t.Setenv("SSH_AUTH_SOCK", sock)
	dir := t.TempDir()
	path, fileSigner := testKey(t, dir, "k")

	_, _, err := LoadSigner(SignerOptions{Agent: true, Key: filepath.Join(dir, "missing")})
	var ake *AgentKeyError
	if !errors.As(err, &ake) || !strings.Contains(err.Error(), "public key") {
		t.Fatalf("a key file that names no public key: %v", err)
	}
	if _, _, err := LoadSigner(SignerOptions{Agent: true, Key: path}); !errors.Is(err, ErrKeyNotInAgent) {
		t.Fatalf("empty agent: %v", err)
	}
	add := exec.Command("ssh-add", path)
	add.Env = append(os.Environ(), "SSH_AUTH_SOCK="+sock)
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("ssh-add: %v\n%s", err, out)
	}
	// The private key path picks the agent's key through path+".pub".
	for _, key := range []string{path, path + ".pub", ""} {
		s, release, err := LoadSigner(SignerOptions{Agent: true, Key: key})
		if err != nil {
			t.Fatalf("key %q: %v", key, err)
		}
		if !bytes.Equal(s.PublicKey().Marshal(), fileSigner.PublicKey().Marshal()) {
			t.Errorf("key %q: the agent signed with another key", key)
		}
		msg := []byte("{\"a\":1}\n")
		sig, err := SignBundle(msg, s)
		if err != nil {
			t.Fatal(err)
		}
		sshKeygenVerify(t, fileSigner.PublicKey(), testID, msg, sig)
		release()
	}

	t.Setenv("SSH_AUTH_SOCK", "")
	if _, _, err := LoadSigner(SignerOptions{Agent: true}); !errors.Is(err, ErrNoAgent) {
		t.Fatalf("no agent: %v", err)
	}
}
