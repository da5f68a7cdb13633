package bundle

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

// SignatureNamespace is the SSHSIG namespace of findings bundles. The
// version suffix keeps a future change of meaning from being replayed as
// v1; verifiers pass it to ssh-keygen -Y verify -n.
const SignatureNamespace = "sightline-findings@v1"

// signatureHash is the only hash sightline signs with or accepts:
// sshsig.Verify trusts the caller's choice, so it is pinned here.
const signatureHash = sshsig.HashSHA512

var (
	// ErrNoAgent means --agent was asked for but SSH_AUTH_SOCK is unset or
	// the agent does not answer.
	ErrNoAgent = errors.New("no ssh-agent")
	// ErrKeyNotInAgent means the running agent does not hold the key.
	ErrKeyNotInAgent = errors.New("key not in ssh-agent")
)

// GenerateKey makes an Ed25519 key pair and returns the private key in
// OpenSSH PEM format (encrypted when passphrase is not empty) and the
// public key as one authorized_keys line ending in LF.
func GenerateKey(comment string, passphrase []byte) (private, public []byte, err error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("generate key: %w", err)
	}
	var block *pem.Block
	if len(passphrase) > 0 {
		block, err = ssh.MarshalPrivateKeyWithPassphrase(priv, comment, passphrase)
	} else {
		block, err = ssh.MarshalPrivateKey(priv, comment)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("generate key: %w", err)
	}
	sshPub, err := ssh.NewPublicKey(pub)
	if err != nil {
		return nil, nil, fmt.Errorf("generate key: %w", err)
	}
	line := bytes.TrimRight(ssh.MarshalAuthorizedKey(sshPub), "\n")
	if comment != "" {
		line = append(append(line, ' '), comment...)
	}
	return pem.EncodeToMemory(block), append(line, '\n'), nil
}

// WriteKeyPair generates a key pair (see GenerateKey) and writes the
// private key to path with mode 0600 and the public key to path+".pub".
// It refuses to overwrite either file, as losing a signing key is not
// undoable.
func WriteKeyPair(path, comment string, passphrase []byte) (ssh.PublicKey, error) {
	for _, p := range []string{path, path + ".pub"} {
		if _, err := os.Lstat(p); err == nil {
			return nil, fmt.Errorf("%s already exists; remove it or choose another -o", p)
		}
	}
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("directory %s does not exist; create it first", filepath.Dir(path))
	}
	priv, pub, err := GenerateKey(comment, passphrase)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	if err := writeFilesDurably(dir, []durableFile{{path, priv, 0o600}, {path + ".pub", pub, 0o644}}); err != nil {
		return nil, err
	}
	key, _, _, _, err := ssh.ParseAuthorizedKey(pub)
	return key, err
}

// PassphraseFunc returns the passphrase of an encrypted key file; it is
// called only when the key turns out to be encrypted.
type PassphraseFunc func(keyPath string) ([]byte, error)

// LoadKeyFile reads an OpenSSH private key. When the key is encrypted it
// asks passphrase (nil means "no way to ask": an error says so).
func LoadKeyFile(path string, passphrase PassphraseFunc) (ssh.Signer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	s, err := ssh.ParsePrivateKey(data)
	var missing *ssh.PassphraseMissingError
	if errors.As(err, &missing) {
		if passphrase == nil {
			return nil, fmt.Errorf("signing key %s is encrypted; give --passphrase-file or run on a terminal", path)
		}
		pw, perr := passphrase(path)
		if perr != nil {
			return nil, fmt.Errorf("signing key %s: %w", path, perr)
		}
		s, err = ssh.ParsePrivateKeyWithPassphrase(data, pw)
		if errors.Is(err, x509.IncorrectPasswordError) {
			return nil, fmt.Errorf("signing key %s: wrong passphrase", path)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("signing key %s: %w (want an OpenSSH private key, as written by sightline keygen or ssh-keygen)", path, err)
	}
	return s, nil
}

// LoadPublicKey reads a public key file (one authorized_keys line, as in
// KEY.pub), used to pick a key from the agent.
func LoadPublicKey(path string) (ssh.PublicKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("public key: %w", err)
	}
	key, _, _, _, err := ssh.ParseAuthorizedKey(data)
	if err != nil {
		return nil, fmt.Errorf("public key %s: %w (want one line such as ssh-ed25519 AAAA... comment)", path, err)
	}
	return key, nil
}

// AgentSigner connects to the ssh-agent at sock (normally $SSH_AUTH_SOCK)
// and returns a signer for want, or for the agent's first key when want is
// nil. The private key never enters this process, so keys on hardware
// tokens work. Close the returned closer when done signing.
func AgentSigner(sock string, want ssh.PublicKey) (ssh.Signer, func() error, error) {
	name := "any key"
	if want != nil {
		name = ssh.FingerprintSHA256(want)
	}
	if sock == "" {
		return nil, nil, fmt.Errorf("%w: SSH_AUTH_SOCK is not set, so the agent holding %s cannot be reached; start ssh-agent and ssh-add the key, or sign with --key FILE", ErrNoAgent, name)
	}
	conn, err := net.Dial("unix", sock)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: cannot reach the agent for %s at SSH_AUTH_SOCK: %v", ErrNoAgent, name, err)
	}
	signers, err := agent.NewClient(conn).Signers()
	if err != nil {
		_ = conn.Close()
		return nil, nil, fmt.Errorf("%w: listing keys for %s: %v", ErrNoAgent, name, err)
	}
	for _, s := range signers {
		if want == nil || bytes.Equal(s.PublicKey().Marshal(), want.Marshal()) {
			return s, conn.Close, nil
		}
	}
	_ = conn.Close()
	if want == nil {
		return nil, nil, fmt.Errorf("%w: the agent holds no keys; ssh-add one first", ErrKeyNotInAgent)
	}
	return nil, nil, fmt.Errorf("%w: the agent holds %d key(s) but not %s; ssh-add it first", ErrKeyNotInAgent, len(signers), name)
}

// SignBundle makes the detached, armored SSHSIG signature of data in
// namespace SignatureNamespace with sha512, as ssh-keygen -Y sign would.
// The armor uses LF line ends only: ssh-keygen rejects CRLF armor.
func SignBundle(data []byte, signer ssh.Signer) ([]byte, error) {
	return SignNamespace(data, signer, SignatureNamespace)
}

// SignNamespace is SignBundle for another namespace (team operations
// sign with their own, so a bundle signature cannot pass for one).
func SignNamespace(data []byte, signer ssh.Signer, namespace string) ([]byte, error) {
	sig, err := sshsig.Sign(bytes.NewReader(data), signer, signatureHash, namespace)
	if err != nil {
		return nil, fmt.Errorf("sign with %s: %w", ssh.FingerprintSHA256(signer.PublicKey()), err)
	}
	return sshsig.Armor(sig), nil
}

// VerifyNamespace checks an armored SSHSIG signature of data made in
// namespace with sha512 (the only hash sightline accepts) and returns the
// key that made it. Whether that key may sign for someone is the
// caller's question for AllowedSigners.Check.
func VerifyNamespace(data, armored []byte, namespace string) (ssh.PublicKey, error) {
	sig, err := ParseArmoredSignature(armored)
	if err != nil {
		return nil, err
	}
	if sig.HashAlgorithm != signatureHash {
		return nil, fmt.Errorf("unsupported hash policy: the signature uses %s; sightline accepts sha512 only", sig.HashAlgorithm)
	}
	if sig.Namespace != namespace {
		return nil, fmt.Errorf("the signature is for namespace %q, not %q", sig.Namespace, namespace)
	}
	if err := sshsig.Verify(bytes.NewReader(data), sig, sig.PublicKey, signatureHash, namespace); err != nil {
		return nil, fmt.Errorf("the signature does not match the signed bytes (key %s)", ssh.FingerprintSHA256(sig.PublicKey))
	}
	return sig.PublicKey, nil
}
