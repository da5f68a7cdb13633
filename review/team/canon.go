package team

import "strconv"

// quickOp reads raw as an operation without a JSON decoder and without
// encoding it again, when raw is plainly canonical: the fields in Op's
// order, strings of printable ASCII that json.Marshal writes unchanged
// (no quote, backslash, <, > or &), and data that is compact, ASCII and
// needs no HTML escaping. For such bytes the strict decode of decodeOp
// yields this same Op and its canonical re-encoding gives raw back, so
// nothing is accepted that decodeOp refuses. Anything else (escapes,
// other spacing or order) returns false and takes the strict path.
// The data is still decoded strictly by checkData.
func quickOp(raw []byte) (Op, bool) {
	var op Op
	r := opReader{b: raw}
	ok := r.lit(`{"v":1,"store":`) && r.str(&op.Store) && r.lit(`,"reviewer":`) && r.str(&op.Reviewer) &&
		r.lit(`,"clock":`) && r.uint(&op.Clock) && r.lit(`,"parent":`) && r.str(&op.Parent) &&
		r.lit(`,"pin":`) && r.str(&op.Pin) && r.lit(`,"type":`) && r.str(&op.Type)
	if !ok {
		return Op{}, false
	}
	op.V = 1
	if r.lit(`,"finding":`) && (!r.str(&op.Finding) || op.Finding == "") {
		return Op{}, false // omitempty: an empty finding is never written
	}
	if r.lit(`,"supersedes":[`) {
		for {
			var id string
			if !r.str(&id) {
				return Op{}, false // an empty list is never written either
			}
			op.Supersedes = append(op.Supersedes, id)
			if r.lit(`]`) {
				break
			}
			if !r.lit(`,`) {
				return Op{}, false
			}
		}
	}
	if !r.lit(`,"data":`) || len(r.b) < 2 || r.b[len(r.b)-1] != '}' || !plainData(r.b[:len(r.b)-1]) {
		return Op{}, false
	}
	op.Data = r.b[: len(r.b)-1 : len(r.b)-1]
	return op, true
}

// opReader consumes a canonical operation from the front.
type opReader struct{ b []byte }

func (r *opReader) lit(s string) bool {
	if len(r.b) < len(s) || string(r.b[:len(s)]) != s {
		return false
	}
	r.b = r.b[len(s):]
	return true
}

// str reads a string json.Marshal would write byte for byte as it is.
func (r *opReader) str(out *string) bool {
	if len(r.b) == 0 || r.b[0] != '"' {
		return false
	}
	for i := 1; i < len(r.b); i++ {
		switch c := r.b[i]; {
		case c == '"':
			*out = string(r.b[1:i])
			r.b = r.b[i+1:]
			return true
		case c < 0x20 || c >= 0x7f || c == '\\' || c == '<' || c == '>' || c == '&':
			return false
		}
	}
	return false
}

// uint reads a number as json.Marshal writes a uint64: no sign, no
// leading zero, no fraction or exponent.
func (r *opReader) uint(out *uint64) bool {
	n := 0
	for n < len(r.b) && r.b[n] >= '0' && r.b[n] <= '9' {
		n++
	}
	if n == 0 || n > 1 && r.b[0] == '0' {
		return false
	}
	v, err := strconv.ParseUint(string(r.b[:n]), 10, 64)
	if err != nil {
		return false
	}
	*out, r.b = v, r.b[n:]
	return true
}

// plainData reports whether data, a JSON object, is written exactly as
// json.Marshal and ASCIIJSON leave a json.RawMessage: compact (no space
// outside strings), ASCII only, no <, > or & to escape. Whether it is
// valid JSON at all is checkData's strict decode (which must consume
// all of it).
func plainData(data []byte) bool {
	if len(data) == 0 || data[0] != '{' {
		return false
	}
	in := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c < 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '&':
			return false
		case in && c == '\\':
			i++ // the escaped byte is left as it is by compacting
		case c == '"':
			in = !in
		case !in && c == ' ':
			return false
		}
	}
	return !in
}

// quickData reads the one-string data of value and confirm ops,
// {"value":"..."} and {"op":"..."}, when the string holds no escape and
// only printable ASCII: the strict decode reads exactly that string. It
// returns false for anything else, left to the strict decode.
func quickData(data []byte, v any) bool {
	var key string
	var out *string
	switch d := v.(type) {
	case *valueData:
		key, out = `{"value":"`, &d.Value
	case *confirmData:
		key, out = `{"op":"`, &d.Op
	default:
		return false
	}
	r := opReader{b: data}
	if !r.lit(key[:len(key)-1]) || !r.str(out) || string(r.b) != "}" {
		*out = ""
		return false
	}
	return true
}
