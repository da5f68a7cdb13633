package bundle

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"testing"

	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
)

// TestNamespaceVerifierMatchesVerifyNamespace checks that the verifier a
// team pull uses (each key parsed once) accepts and refuses exactly what
// VerifyNamespace does, with the same key or message: good signatures
// by two key types, other data, another namespace, another hash, and
// each signature with every byte changed or removed.
func TestNamespaceVerifierMatchesVerifyNamespace(t *testing.T) {
	_, ed := testKey(t, t.TempDir(), "ana")
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecs, err := ssh.NewSignerFromKey(ec)
	if err != nil {
		t.Fatal(err)
	}
	const ns = TeamOpNamespace
	data := []byte(`{"v":1,"type":"finding.note"}`)
	v := NewNamespaceVerifier(ns)
	n := 0
	check := func(data, sig []byte) {
		t.Helper()
		n++
		gk, gerr := v.Verify(data, sig)
		wk, werr := VerifyNamespace(data, sig, ns)
		if fmt.Sprint(gerr) != fmt.Sprint(werr) || (gk == nil) != (wk == nil) ||
			gk != nil && !bytes.Equal(gk.Marshal(), wk.Marshal()) {
			t.Fatalf("%q:\n NamespaceVerifier %v\n VerifyNamespace   %v", sig, gerr, werr)
		}
	}
	for _, s := range []ssh.Signer{ed, ecs} {
		good, err := SignNamespace(data, s, ns)
		if err != nil {
			t.Fatal(err)
		}
		if k, err := v.Verify(data, good); err != nil || !bytes.Equal(k.Marshal(), s.PublicKey().Marshal()) {
			t.Fatalf("a good signature refused: %v", err)
		}
		check(data, good)
		check(data, good) // the key comes from the cache now
		check([]byte(`{"v":1,"type":"finding.notE"}`), good)
		other, _ := SignNamespace(data, s, SignatureNamespace)
		check(data, other)
		sha256sig, err := sshsig.Sign(bytes.NewReader(data), s, sshsig.HashSHA256, ns)
		if err != nil {
			t.Fatal(err)
		}
		check(data, sshsig.Armor(sha256sig))
		for i := range good {
			for _, c := range []byte{'A', 'z', '/', '=', '\n', '*', '\r'} {
				b := bytes.Clone(good)
				b[i] = c
				check(data, b)
			}
			check(data, append(bytes.Clone(good[:i]), good[i+1:]...))
		}
	}
	t.Logf("%d signatures compared", n)
}
