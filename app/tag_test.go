package app

import (
	"strings"
	"testing"
)

func TestNormalizeTag(t *testing.T) {
	long := strings.Repeat("a", MaxTagLength+1)
	cases := []struct {
		in, want, err string
	}{
		{in: " Actor / Russia ", want: "Actor/Russia"},
		{in: "claim/\u00a0invitation  to   talks", want: "claim/invitation to talks"},
		{in: strings.Repeat("é", MaxTagLength), want: strings.Repeat("é", MaxTagLength)},
		{in: "actor//russia", err: "empty segment"},
		{in: "/actor", err: "empty segment"},
		{in: "actor/\x07bell", err: "control characters"},
		{in: long, err: "too long (201 characters; at most 200)"},
		{in: "a/" + strings.Repeat("b ", 150), err: "too long"},
	}
	for _, c := range cases {
		got, err := NormalizeTag(c.in)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err) || ErrorCode(err) != EINVALID):
			t.Errorf("NormalizeTag(%.30q): %q, %v; want an error with %q", c.in, got, err, c.err)
		case c.err == "" && (err != nil || got != c.want):
			t.Errorf("NormalizeTag(%.30q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	if _, err := NormalizeTag(long); len(err.Error()) > 120 {
		t.Errorf("the error quotes the whole tag: %d bytes", len(err.Error()))
	}
}
