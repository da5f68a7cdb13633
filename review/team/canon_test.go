package team

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"sightline/review"
)

// TestDecodeOpShortcutMatchesStrict checks that decodeOp (which reads
// plainly canonical ops without a JSON decoder) accepts and refuses
// exactly what the strict decode does, with the same op or the same
// message, for every op type and for each op with every byte changed,
// removed or doubled.
func TestDecodeOpShortcutMatchesStrict(t *testing.T) {
	f := ID([]byte("f"))
	base := Op{V: 1, Store: "0123456789abcdef0123456789abcdef", Reviewer: "ana@example.org", Clock: 12,
		Parent: ID([]byte("p")), Pin: testPin}
	ops := []Op{}
	add := func(typ, finding string, sup []string, data any) {
		op := base
		op.Type, op.Finding, op.Supersedes, op.Data = typ, finding, sup, mustData(data)
		ops = append(ops, op)
	}
	add(OpCreate, "", nil, createData{Title: "heap <overflow> & \"more\" é", Severity: review.SeverityHigh,
		Status: review.StatusOpen, Steps: []review.Step{{Location: loc("a b.c", 3), Note: "tab\there"}}, Local: "F-0001"})
	add(OpStep, f, nil, review.Step{Location: loc("b.c", 9)})
	sup := []string{ID([]byte("a")), ID([]byte("b"))}
	slices.Sort(sup)
	add(OpSeverity, f, sup, valueData{Value: "low"})
	add(OpNote, f, []string{ID([]byte("a"))}, valueData{Value: "a note, with spaces: {x} [y] \\ end"})
	add(OpStatus, f, nil, valueData{Value: "false-positive"})
	add(OpReviewed, "", nil, reviewedData{Path: "src/x.c", Blob: testPin, Reviewed: true})
	add(OpConfirm, f, nil, confirmData{Op: ID([]byte("s"))})
	edits := []byte{' ', '"', '\\', '<', '&', '{', '}', ',', ':', '0', '1', 'A', 'n', 0x7f, 0x80, '\n'}
	n := 0
	for _, op := range ops {
		raw, err := op.Canonical()
		if err != nil {
			t.Fatal(err)
		}
		check := func(b []byte) {
			t.Helper()
			n++
			got, gerr := decodeOp(b)
			want, werr := strictDecodeOp(b)
			if fmt.Sprint(gerr) != fmt.Sprint(werr) || !reflect.DeepEqual(got, want) {
				t.Fatalf("%q:\n decodeOp       %+v, %v\n strictDecodeOp %+v, %v", b, got, gerr, want, werr)
			}
		}
		check(raw)
		if _, err := decodeOp(raw); err != nil {
			t.Fatalf("a canonical %s op refused: %v", op.Type, err)
		}
		if _, ok := quickOp(raw); !ok && op.Type != OpCreate && op.Type != OpNote {
			t.Errorf("a plain %s op missed the shortcut: %s", op.Type, raw)
		}
		for i := range raw {
			for _, c := range edits {
				b := append([]byte{}, raw...)
				b[i] = c
				check(b)
			}
			check(append(append([]byte{}, raw[:i]...), raw[i+1:]...))
			check(append(append(append([]byte{}, raw[:i+1]...), raw[i]), raw[i+1:]...))
			check(append(append(append([]byte{}, raw[:i]...), ' '), raw[i:]...))
		}
		check(append(append([]byte{}, raw...), ' '))
		check(append(append([]byte{}, raw[:len(raw)-1]...), []byte(` }`)...))
	}
	t.Logf("%d variants compared", n)
}
