package agreement

import (
	"math"
	"testing"
)

// The worked example of Krippendorff (2004), Content Analysis, 2nd ed.,
// p. 254: a continuum from 150 of length 300, two observers, values c
// and k. Published: uDo(c) = 0.0144, uDe(c) = 0.0532, c α = 0.7286;
// uDo(k) = 0, uDe(k) = 0.0490, k α = 1; overall uα = 0.8591. The book
// computes the overall value from its rounded means, 1 - 0.0072/0.0511;
// exact arithmetic gives 0.8587, so that one holds to 3 decimals.
func TestUnitizingAlphaKrippendorff2004(t *testing.T) {
	segs := []Segment{
		{0, 225, 295, "c"}, {0, 370, 400, "c"}, {0, 180, 240, "k"}, {0, 300, 350, "k"},
		{1, 220, 300, "c"}, {1, 355, 375, "c"}, {1, 400, 420, "c"}, {1, 180, 240, "k"}, {1, 300, 350, "k"},
	}
	u := UnitizingAlpha(150, 300, 2, segs)
	for _, c := range []struct {
		name      string
		got, want float64
		places    float64
	}{
		{"overall uα", u.Alpha, 0.859, 3},
		{"uDo(c)", u.Values["c"].Observed, 0.0144, 4},
		{"uDe(c)", u.Values["c"].Expected, 0.0532, 4},
		{"c uα", u.Values["c"].Alpha, 0.7286, 3}, // 1 - 0.01444/0.05320; the book rounds Do and De first
		{"uDo(k)", u.Values["k"].Observed, 0, 4},
		{"uDe(k)", u.Values["k"].Expected, 0.0490, 4},
		{"k uα", u.Values["k"].Alpha, 1, 4},
	} {
		if math.Abs(c.got-c.want) > 0.5*math.Pow(10, -c.places) {
			t.Errorf("%s = %.5f, want %.*f", c.name, c.got, int(c.places), c.want)
		}
	}
}

// Hand-checkable properties: identical unitizations agree perfectly;
// an observer's overlapping units of one value count once; units outside
// the continuum are clipped away.
func TestUnitizingAlphaProperties(t *testing.T) {
	same := []Segment{{0, 10, 20, "x"}, {0, 40, 60, "x"}, {1, 10, 20, "x"}, {1, 40, 60, "x"}}
	if u := UnitizingAlpha(0, 100, 2, same); u.Alpha != 1 {
		t.Errorf("identical unitizations: %v", u.Alpha)
	}
	split := []Segment{{0, 10, 15, "x"}, {0, 12, 20, "x"}, {0, 40, 60, "x"}, {1, 10, 20, "x"}, {1, 40, 60, "x"}, {1, 95, 130, "x"}, {1, 95, 130, "y"}}
	clipped := []Segment{{0, 10, 20, "x"}, {0, 40, 60, "x"}, {1, 10, 20, "x"}, {1, 40, 60, "x"}, {1, 95, 100, "x"}, {1, 95, 100, "y"}}
	a, b := UnitizingAlpha(0, 100, 2, split), UnitizingAlpha(0, 100, 2, clipped)
	if a.Alpha != b.Alpha || a.Values["x"] != b.Values["x"] {
		t.Errorf("merged and clipped %+v, by hand %+v", a, b)
	}
	// One observer codes a stretch the other leaves as a gap: observed
	// disagreement is its length squared, twice, over m(m-1)L².
	lone := UnitizingAlpha(0, 100, 2, []Segment{{0, 10, 20, "x"}, {0, 40, 60, "x"}, {1, 40, 60, "x"}})
	if got, want := lone.Values["x"].Observed, 2*100.0/(2*100*100); math.Abs(got-want) > 1e-12 {
		t.Errorf("a unit in a gap: Do %v, want %v", got, want)
	}
	if lone.Alpha >= 1 || lone.Alpha <= 0 {
		t.Errorf("partial agreement gives α %v", lone.Alpha)
	}
}
