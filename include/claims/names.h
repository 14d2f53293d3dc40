// Names: people the gazetteer does not know, found from how the text treats them —
//   - a capitalised run after a title or role ("Menteri Keuangan Sri Mulyani", "Rep. Jim Clyburn",
//     "juru bicara Kremlin, Dmitry Peskov", "Kepala Biro ... Kemenkeu Deni Surjantoro"),
//   - a capitalised run right before a speech verb ("Deni Surjantoro menegaskan", "John Mica
//   said");
// and then every later single-word reference to one of them by first or last name ("kata Deni",
// "Clyburn added") when that name belongs to one person of the document only.
#ifndef CLAIMS_NAMES_H_
#define CLAIMS_NAMES_H_

#include "claims/document.h"
#include "claims/rules.h"

namespace claims {

// Adds person mentions to doc->mentions (kept in text order). REQUIRES: gazetteer mentions are in.
void FindNames(const Rules& rules, Document* doc);

}  // namespace claims

#endif  // CLAIMS_NAMES_H_
