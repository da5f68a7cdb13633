package tui

import (
	"testing"

	"sightline/tui/nav"
)

func fileAt(path string, line int) place { return place{View: nav.ViewFiles, Path: path, Line: line} }

// TestJumpListBackAndForward walks back to the oldest place and forward
// to where the walk started, as vim's ctrl+o and ctrl+i do.
func TestJumpListBackAndForward(t *testing.T) {
	var j jumpList
	if _, ok := j.back(fileAt("x", 1)); ok {
		t.Fatal("back on an empty list went somewhere")
	}
	j.push(place{View: nav.ViewChanges})
	j.push(fileAt("a.go", 3))
	cur := fileAt("b.go", 7)
	want := []place{fileAt("a.go", 3), {View: nav.ViewChanges}}
	for _, w := range want {
		got, ok := j.back(cur)
		if !ok || got != w {
			t.Fatalf("back: %+v %v, want %+v", got, ok, w)
		}
		cur = got
	}
	if _, ok := j.back(cur); ok {
		t.Error("back past the oldest place went somewhere")
	}
	got, _ := j.forward(cur)
	if got != fileAt("a.go", 3) {
		t.Errorf("forward: %+v", got)
	}
	// The reviewer moved within a.go; forward then back returns to the
	// line moved to.
	got, _ = j.forward(fileAt("a.go", 40))
	if got != fileAt("b.go", 7) {
		t.Errorf("forward to the newest: %+v", got)
	}
	if _, ok := j.forward(got); ok {
		t.Error("forward past the newest place went somewhere")
	}
	if got, _ = j.back(got); got != fileAt("a.go", 40) {
		t.Errorf("back after moving: %+v, want a.go:40", got)
	}
}

// TestJumpListPushDropsForward checks that a jump made while walking the
// list drops the places ahead, and that the list is bounded.
func TestJumpListPushDropsForward(t *testing.T) {
	var j jumpList
	j.push(fileAt("a", 1))
	j.push(fileAt("b", 1))
	j.back(fileAt("c", 1)) // now at b
	j.push(fileAt("b", 5)) // jump from b:5 to somewhere new
	if _, ok := j.forward(fileAt("d", 1)); ok {
		t.Error("forward after a new jump went somewhere")
	}
	if got, _ := j.back(fileAt("d", 1)); got != fileAt("b", 5) {
		t.Errorf("back: %+v, want b:5", got)
	}
	var k jumpList
	for i := range maxJumps + 10 {
		k.push(fileAt("f", i))
	}
	if len(k.places) != maxJumps || k.places[0] != fileAt("f", 10) {
		t.Errorf("bounded list: %d places, first %+v", len(k.places), k.places[0])
	}
}
