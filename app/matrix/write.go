package matrix

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax/app/exchange"
)

// WriteCSV writes the table with a header row: the row dimension (and a
// title column for articles), then one column per column key. Cells that
// a spreadsheet would take for a formula are quoted as the exports do.
func WriteCSV(w io.Writer, t Table) error {
	cw := csv.NewWriter(w)
	head := []string{string(t.Rows)}
	if t.Rows == Article {
		head = append(head, "title")
	}
	for _, c := range t.ColIs {
		head = append(head, exchange.SafeCell(c.String()))
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for i, r := range t.RowIs {
		row := []string{exchange.SafeCell(r.Key)}
		if t.Rows == Article {
			row = append(row, exchange.SafeCell(r.Title))
		}
		for _, v := range t.Cells[i] {
			row = append(row, strconv.Itoa(v))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteMarkdown writes the table as a Markdown table, with totals.
func WriteMarkdown(w io.Writer, t Table) error {
	var sb strings.Builder
	what := string(t.Count)
	if t.Bin {
		what += " (present 1, absent 0)"
	}
	fmt.Fprintf(&sb, "%s by %s and %s\n\n", capital(what), t.Rows, t.Cols)
	sb.WriteString("| " + cellText(string(t.Rows)))
	for _, c := range t.ColIs {
		sb.WriteString(" | " + cellText(c.String()))
	}
	sb.WriteString(" | total |\n|---")
	for range t.ColIs {
		sb.WriteString("|---:")
	}
	sb.WriteString("|---:|\n")
	colTotals := make([]int, len(t.ColIs))
	for i, r := range t.RowIs {
		sb.WriteString("| " + cellText(r.String()))
		total := 0
		for j, v := range t.Cells[i] {
			fmt.Fprintf(&sb, " | %d", v)
			total += v
			colTotals[j] += v
		}
		fmt.Fprintf(&sb, " | %d |\n", total)
	}
	sb.WriteString("| total")
	all := 0
	for _, v := range colTotals {
		fmt.Fprintf(&sb, " | %d", v)
		all += v
	}
	fmt.Fprintf(&sb, " | %d |\n", all)
	_, err := io.WriteString(w, sb.String())
	return err
}

func cellText(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
