package repo

import (
	"context"
	"reflect"
	"testing"
	"time"

	"sightline/repo/repotest"
)

func TestReadCommitMatchesStoredCommit(t *testing.T) {
	tr := repotest.New(t)
	first := tr.Commit("first\n\nbody line\n", repotest.Tree{"a.txt": {Content: "a\n"}})
	second := tr.Commit("second", tr.Edit(first, repotest.Tree{"b.txt": {Content: "b\n"}}))
	r, _ := openAt(t, tr)

	c, err := r.ReadCommit(context.Background(), Hash(second))
	if err != nil {
		t.Fatal(err)
	}
	want, err := tr.Git.CommitObject(second)
	if err != nil {
		t.Fatal(err)
	}
	if c.Hash != Hash(second) || c.Tree != Hash(want.TreeHash) {
		t.Errorf("hash/tree = %s/%s, want %s/%s", c.Hash, c.Tree, second, want.TreeHash)
	}
	if len(c.Parents) != 1 || c.Parents[0] != Hash(first) {
		t.Errorf("parents = %v, want [%s]", c.Parents, first)
	}
	if c.Author.Name != "Test Author" || c.Author.Email != "author@example.com" || !c.Author.When.Equal(want.Author.When) {
		t.Errorf("author = %+v, want %+v", c.Author, want.Author)
	}
	if !c.Committer.When.Equal(want.Committer.When) {
		t.Errorf("committer time = %v, want %v", c.Committer.When, want.Committer.When)
	}
	if c.Message != "second" || c.Subject() != "second" {
		t.Errorf("message %q subject %q", c.Message, c.Subject())
	}
	c1, err := r.ReadCommit(context.Background(), Hash(first))
	if err != nil {
		t.Fatal(err)
	}
	if len(c1.Parents) != 0 || c1.Subject() != "first" {
		t.Errorf("root commit: parents %v subject %q", c1.Parents, c1.Subject())
	}
	if _, err := r.ReadCommit(context.Background(), Hash(want.TreeHash)); err == nil {
		t.Error("ReadCommit of a tree id succeeded")
	}
	head, err := r.readCommitHead(context.Background(), Hash(second))
	if err != nil || head.tree != c.Tree || !reflect.DeepEqual(head.parents, c.Parents) || head.when != c.Committer.When.Unix() {
		t.Errorf("commit head %+v differs from the full decode %+v (%v)", head, c, err)
	}
}

func TestParseCommitSkipsSignatureAndKeepsZone(t *testing.T) {
	raw := "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n" +
		"parent 0123456789012345678901234567890123456789\n" +
		"author A U Thor <a@example.com> 1700000000 -0130\n" +
		"committer C O Mitter <c@example.com> 1700000060 +0200\n" +
		"gpgsig -----BEGIN PGP SIGNATURE-----\n \n tree 0000000000000000000000000000000000000000\n -----END PGP SIGNATURE-----\n" +
		"\nSubject line\r\n\nBody\n"
	c, err := parseCommit([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if c.Tree.String() != "4b825dc642cb6eb9a060e54bf8d69288fbee4904" {
		t.Errorf("tree = %s (a signature continuation line was read as a header)", c.Tree)
	}
	if c.Author.Name != "A U Thor" || c.Author.Email != "a@example.com" {
		t.Errorf("author = %+v", c.Author)
	}
	if _, off := c.Author.When.Zone(); off != -90*60 || c.Author.When.Unix() != 1700000000 {
		t.Errorf("author time = %v", c.Author.When)
	}
	if signatureTime([]byte("C O Mitter <c@example.com> 1700000060 +0200")) != 1700000060 || signatureTime([]byte("x <y> junk")) != 0 || c.Committer.When.Equal(time.Time{}) {
		t.Errorf("committer time = %v", c.Committer.When)
	}
	if c.Subject() != "Subject line" || c.Message != "Subject line\r\n\nBody\n" {
		t.Errorf("subject %q message %q", c.Subject(), c.Message)
	}
	if _, err := parseCommit([]byte("author x <y> 1 +0000\n\nmsg")); err == nil {
		t.Error("a commit without a tree parsed")
	}
}
