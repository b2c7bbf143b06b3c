//! French: the tables that bring a French sentence to the rules' vocabulary.
//!
//! [`normalize`] runs on one sentence's tokens, in this order:
//!
//! 1. elisions are split ("d'Arbinda" → "d'" + "Arbinda", "l'attaque" →
//!    "l'" + "attaque"), "1er" loses its suffix, digit groups written with a
//!    space or a no-break space ("1 200", "4 000") or dots ("1.200") become
//!    one number;
//! 2. number words become numbers: "dix-sept", "quatre-vingt-neuf",
//!    "soixante et onze", "deux cents", "cent cinq", "trois mille";
//! 3. [`PHRASES`] are replaced (longest first): bounds ("au moins", "plus
//!    de", "près de"), approximate counts ("une vingtaine" = about 20),
//!    vague counts ("des dizaines" → "dozens"), tolls ("ont perdu la vie",
//!    "coûté la vie à"), dates ("la semaine dernière", "avant-hier"),
//!    aggregates ("depuis le début de l'année", "au total");
//! 4. every other word goes through [`WORDS`]; a few words depend on their
//!    neighbours ("à"/"au" before a number is "to", "de 40 à 85" is a
//!    range, "de" after a count is dropped: "une centaine de personnes");
//! 5. adjectives after a noun of people ("soldats nigériens", "civils
//!    peuls") are folded into the noun, which then reads like English.
//!
//! Each output token keeps the byte offsets of the French words it stands
//! for; a phrase rewritten into another number of words gives every output
//! token the whole phrase's span.

use std::borrow::Cow;

use crate::extract::text::{Kind, Token};

/// Frequent short French words that are not English words.
pub const STOP_WORDS: &[&str] = &[
    "le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "dans", "par", "pour", "sur",
    "au", "aux", "ont", "été", "qui", "que", "selon", "avec", "il", "ils", "elle", "ce", "cette",
    "sont", "leur", "tués", "morts", "attaque", "depuis", "lors", "après", "plus", "pas",
];

/// Single French words and their reading. Forms not listed pass through.
pub const WORDS: &[(&str, &str)] = &[
    // articles, prepositions, conjunctions
    ("le", "the"),
    ("la", "the"),
    ("les", "the"),
    ("l'", "the"),
    ("un", "a"),
    ("une", "a"),
    ("des", "the"),
    ("de", "of"),
    ("d'", "of"),
    ("du", "of"),
    ("à", "in"),
    ("au", "in"),
    ("aux", "in"),
    ("en", "in"),
    ("dans", "in"),
    ("et", "and"),
    ("ou", "or"),
    ("près", "near"),
    ("vers", "toward"),
    // the institutions that speak ("le gouvernement du Niger a annoncé")
    ("gouvernement", "government"),
    ("ministère", "ministry"),
    ("autorités", "authorities"),
    ("ambassade", "embassy"),
    // "l'axe reliant Ménaka à Ansongo": a route's ends
    ("reliant", "linking"),
    ("relie", "links"),
    ("sur", "on"),
    ("par", "by"),
    ("pour", "for"),
    ("avec", "with"),
    ("contre", "against"),
    ("mais", "but"),
    ("entre", "between"),
    ("environ", "about"),
    ("quelque", "some"),
    ("quelques", "several"),
    ("plusieurs", "several"),
    ("dont", "including"),
    ("notamment", "including"),
    ("depuis", "since"),
    ("après", "after"),
    ("avant", "before"),
    ("lors", "during"),
    ("pendant", "during"),
    ("durant", "during"),
    ("selon", "according"),
    ("autres", "other"),
    ("autre", "another"),
    ("nouvelle", "another"),
    ("nouvel", "another"),
    ("nouveau", "new"),
    ("où", "where"),
    ("qui", "who"),
    ("que", "that"),
    ("qu'", "that"),
    ("ce", "this"),
    ("cet", "this"),
    ("cette", "this"),
    ("ces", "these"),
    ("leur", "their"),
    ("leurs", "their"),
    ("son", "its"),
    ("sa", "its"),
    ("ses", "its"),
    ("tous", "all"),
    ("toutes", "all"),
    ("aussi", "also"),
    ("également", "also"),
    ("puis", "then"),
    ("ensuite", "then"),
    ("alors", "then"),
    ("déjà", "earlier"),
    ("encore", "still"),
    ("séparément", "separately"),
    ("ailleurs", "elsewhere"),
    ("si", "if"),
    // auxiliaries
    ("a", "has"),
    ("ont", "have"),
    ("avait", "had"),
    ("avaient", "had"),
    ("aurait", "has"),
    ("auraient", "have"),
    ("été", "been"),
    ("est", "is"),
    ("sont", "are"),
    ("était", "was"),
    ("étaient", "were"),
    ("fut", "was"),
    ("furent", "were"),
    // deaths
    ("tué", "killed"),
    ("tués", "killed"),
    ("tuée", "killed"),
    ("tuées", "killed"),
    ("tuant", "killing"),
    ("tuer", "kill"),
    ("tue", "kills"),
    ("tuent", "kill"),
    ("abattu", "killed"),
    ("abattus", "killed"),
    ("abattue", "killed"),
    ("abattues", "killed"),
    ("mort", "dead"),
    ("morts", "dead"),
    ("morte", "dead"),
    ("mortes", "dead"),
    ("décès", "deaths"),
    ("décédé", "died"),
    ("décédés", "died"),
    ("décédée", "died"),
    ("décédées", "died"),
    ("péri", "perished"),
    ("périt", "perished"),
    ("périssent", "perished"),
    ("exécuté", "executed"),
    ("exécutés", "executed"),
    ("exécutées", "executed"),
    ("massacré", "massacred"),
    ("massacrés", "massacred"),
    ("massacrées", "massacred"),
    ("massacrant", "massacring"),
    ("assassiné", "murdered"),
    ("assassinés", "murdered"),
    ("assassinées", "murdered"),
    ("égorgé", "slaughtered"),
    ("égorgés", "slaughtered"),
    ("égorgées", "slaughtered"),
    ("neutralisé", "neutralized"),
    ("neutralisés", "neutralized"),
    ("neutralisant", "neutralizing"),
    ("éliminé", "eliminated"),
    ("éliminés", "eliminated"),
    ("victimes", "victims"),
    ("corps", "bodies"),
    ("cadavres", "corpses"),
    ("dépouilles", "bodies"),
    ("bilan", "toll"),
    ("provisoire", "provisional"),
    ("précédent", "previous"),
    ("définitif", "final"),
    ("ramené", "revised"),
    ("monté", "risen"),
    ("alourdi", "risen"),
    ("tombés", "killed"),
    ("tombé", "killed"),
    // injuries
    ("blessé", "wounded"),
    ("blessés", "wounded"),
    ("blessée", "wounded"),
    ("blessées", "wounded"),
    ("blessant", "wounding"),
    ("blessures", "injuries"),
    // not casualties
    ("disparus", "missing"),
    ("disparu", "missing"),
    ("disparues", "missing"),
    ("enlevé", "abducted"),
    ("enlevés", "abducted"),
    ("enlevée", "abducted"),
    ("enlevées", "abducted"),
    ("enlevant", "abducting"),
    ("kidnappé", "kidnapped"),
    ("kidnappés", "kidnapped"),
    ("kidnappées", "kidnapped"),
    ("séquestrés", "kidnapped"),
    ("déplacés", "displaced"),
    ("déplacées", "displaced"),
    ("réfugiés", "refugees"),
    ("libéré", "freed"),
    ("libérés", "freed"),
    ("libérées", "freed"),
    ("relâchés", "released"),
    ("arrêté", "arrested"),
    ("arrêtés", "arrested"),
    ("interpellés", "arrested"),
    ("capturés", "captured"),
    ("otage", "hostage"),
    ("otages", "hostages"),
    ("évacués", "evacuated"),
    ("incendié", "burned"),
    ("incendiés", "burned"),
    ("incendiées", "burned"),
    ("détruit", "destroyed"),
    ("détruits", "destroyed"),
    ("détruites", "destroyed"),
    ("emportés", "seized"),
    ("saisis", "seized"),
    ("récupérés", "seized"),
    ("pillés", "looted"),
    ("fui", "fled"),
    ("âgé", "aged"),
    ("âgés", "aged"),
    ("âgée", "aged"),
    ("âgées", "aged"),
    ("soignés", "treated"),
    ("hospitalisés", "hospitalized"),
    ("transférés", "transferred"),
    ("transportés", "transported"),
    ("acheminés", "transported"),
    ("déployés", "deployed"),
    ("ans", "years"),
    ("an", "year"),
    ("année", "year"),
    ("années", "years"),
    ("mois", "months"),
    ("semaines", "weeks"),
    ("jours", "days"),
    ("heures", "hours"),
    ("kilomètres", "km"),
    ("kilomètre", "km"),
    ("véhicules", "vehicles"),
    ("motos", "motorcycles"),
    ("maisons", "homes"),
    ("cases", "huts"),
    ("boutiques", "shops"),
    ("têtes", "head"),
    ("bétail", "cattle"),
    ("armes", "weapons"),
    ("villages", "villages"),
    ("localités", "localities"),
    ("attaques", "attacks"),
    // people
    ("personnes", "people"),
    ("personne", "person"),
    ("civils", "civilians"),
    ("civil", "civilian"),
    ("civiles", "civilians"),
    ("villageois", "villagers"),
    ("habitants", "residents"),
    ("enfants", "children"),
    ("enfant", "child"),
    ("femmes", "women"),
    ("femme", "woman"),
    ("hommes", "men"),
    ("homme", "man"),
    ("élèves", "pupils"),
    ("fidèles", "worshippers"),
    ("orpailleurs", "miners"),
    ("maraîchers", "farmers"),
    ("paysans", "peasants"),
    ("pêcheurs", "fishermen"),
    ("chasseurs", "hunters"),
    ("bouviers", "herders"),
    ("étudiants", "students"),
    ("paroissiens", "parishioners"),
    ("catéchistes", "catechist"),
    ("marchands", "merchants"),
    ("vendeurs", "vendors"),
    ("vendeuses", "vendors"),
    ("commerçantes", "traders"),
    ("mineurs", "children"),
    ("pasteurs", "pastor"),
    ("prêtres", "priest"),
    ("conducteurs", "drivers"),
    ("transporteurs", "drivers"),
    ("nomades", "nomads"),
    ("pèlerins", "pilgrims"),
    ("villageoises", "villagers"),
    ("habitantes", "residents"),
    ("fillettes", "girls"),
    ("garçons", "boys"),
    ("filles", "girls"),
    ("bébés", "babies"),
    ("vieillards", "elders"),
    ("éleveurs", "herders"),
    ("bergers", "shepherds"),
    ("agriculteurs", "farmers"),
    ("cultivateurs", "farmers"),
    ("commerçants", "traders"),
    ("passagers", "passengers"),
    ("voyageurs", "travellers"),
    ("chauffeurs", "drivers"),
    ("membres", "members"),
    ("individus", "individuals"),
    ("tombent", "fell"),
    ("tombaient", "fell"),
    ("tombèrent", "fell"),
    ("sous", "under"),
    ("incluant", "including"),
    ("parquet", "prosecutor"),
    ("installés", "living"),
    ("installées", "living"),
    ("établis", "living"),
    ("quartier", "quarter"),
    ("restes", "remains"),
    ("casque", "peacekeeper"),
    ("journalistes", "journalists"),
    ("journaliste", "journalist"),
    ("prêtre", "priest"),
    ("employés", "employees"),
    ("création", "creation"),
    // "des soldats déployés au Mali ont été tués"
    ("déployé", "deployed"),
    ("déployée", "deployed"),
    ("déployées", "deployed"),
    // an origin: "le mouvement né au Nigeria"
    ("né", "born"),
    ("née", "born"),
    ("fondé", "founded"),
    ("déploiement", "deployment"),
    ("gardiens", "guards"),
    ("gardien", "guard"),
    ("vigiles", "guards"),
    ("vigile", "guard"),
    ("contractuel", "contractor"),
    ("contractuels", "contractors"),
    ("prestataire", "contractor"),
    ("prestataires", "contractors"),
    ("employé", "employee"),
    ("employées", "employees"),
    ("ouvriers", "workers"),
    ("travailleurs", "workers"),
    ("enseignants", "teachers"),
    ("enseignant", "teacher"),
    ("infirmiers", "nurses"),
    ("humanitaires", "aid"),
    ("touristes", "tourists"),
    ("peuls", "people"),
    ("peuhls", "people"),
    ("dogons", "people"),
    ("soldats", "soldiers"),
    ("soldat", "soldier"),
    // ranks and corps: "un sous-officier de la Légion étrangère a trouvé la
    // mort", "un légionnaire est tué"
    ("officier", "officer"),
    ("officiers", "officers"),
    ("sous-officier", "officer"),
    ("sous-officiers", "officers"),
    ("légionnaire", "legionnaire"),
    ("légionnaires", "legionnaires"),
    ("manifestants", "protesters"),
    ("manifestant", "protester"),
    ("marcheurs", "marchers"),
    ("jeunes", "youths"),
    ("militaires", "soldiers"),
    ("militaire", "soldier"),
    ("gendarmes", "gendarmes"),
    ("gendarme", "gendarme"),
    ("policiers", "policemen"),
    ("policier", "policeman"),
    ("douaniers", "customs"),
    ("douanier", "customs"),
    ("gardes", "guards"),
    ("garde", "guard"),
    ("agents", "agents"),
    ("volontaires", "volunteers"),
    ("volontaire", "volunteer"),
    ("supplétifs", "auxiliaries"),
    ("casques", "peacekeepers"),
    ("terroristes", "terrorists"),
    ("terroriste", "terrorist"),
    ("assaillants", "assailants"),
    ("assaillant", "assailant"),
    ("jihadistes", "jihadists"),
    ("djihadistes", "jihadists"),
    ("jihadiste", "jihadist"),
    ("djihadiste", "jihadist"),
    ("islamistes", "islamists"),
    ("combattants", "fighters"),
    ("insurgés", "insurgents"),
    ("éléments", "elements"),
    ("bandits", "bandits"),
    ("rebelles", "rebels"),
    ("assaillants,", "assailants"),
    // events
    ("attaque", "attack"),
    ("attaqué", "attacked"),
    ("infiltrer", "infiltrate"),
    // the narrative present of an encyclopedia's account: "des hommes
    // armés attaquent le poste"
    ("attaquent", "attacked"),
    ("lancé", "launched"),
    // a departure: "le camion avait quitté le village de Taroun"
    ("quitté", "left"),
    ("désamorcé", "defused"),
    ("désamorcée", "defused"),
    ("désamorcés", "defused"),
    ("arrivée", "arrived"),
    ("arrivé", "arrived"),
    ("arrivés", "arrived"),
    ("arrivées", "arrived"),
    // a correction: "l'article situait l'attaque dans la province du Bam"
    ("situait", "placed"),
    ("plaçait", "placed"),
    ("ouvert", "opened"),
    ("attaqués", "attacked"),
    ("attaquée", "attacked"),
    ("attaquées", "attacked"),
    ("attaquant", "attacking"),
    ("assaut", "assault"),
    ("visé", "targeted"),
    ("visée", "targeted"),
    ("visés", "targeted"),
    ("visées", "targeted"),
    ("ciblé", "targeted"),
    ("ciblée", "targeted"),
    ("ciblés", "targeted"),
    ("frappé", "struck"),
    ("frappée", "struck"),
    // "des terroristes ont tiré plusieurs obus sur la ville", "les tirs
    // d'obus contre l'aéroport" (the shells tell the event, not "tiré":
    // "ont d'abord tiré sur le poste" is a step of the attack told)
    ("obus", "shells"),
    // "des hommes armés ont investi Fiego": stormed
    ("investi", "stormed"),
    // "deux frappes de drone ont touché Amasrakad"
    ("touché", "hit"),
    ("touchée", "hit"),
    ("touchés", "hit"),
    ("touchées", "hit"),
    ("embuscade", "ambush"),
    ("embuscades", "ambushes"),
    ("massacre", "massacre"),
    ("massacres", "massacres"),
    ("tuerie", "massacre"),
    ("tueries", "massacres"),
    ("frappe", "strike"),
    ("frappes", "strikes"),
    ("bombardement", "bombing"),
    ("bombardements", "bombings"),
    ("affrontements", "clashes"),
    ("affrontement", "clash"),
    ("combats", "clashes"),
    ("explosion", "explosion"),
    ("raid", "raid"),
    ("incursion", "raid"),
    ("siège", "siege"),
    ("survenue", "occurred"),
    ("perpétrée", "perpetrated"),
    // places
    ("village", "village"),
    ("hameau", "hamlet"),
    ("hameaux", "hamlets"),
    ("ville", "town"),
    ("localité", "locality"),
    ("commune", "commune"),
    ("région", "region"),
    ("cercle", "circle"),
    ("province", "province"),
    ("département", "department"),
    ("environs", "outskirts"),
    ("périphérie", "outskirts"),
    ("hôpital", "hospital"),
    ("hôpitaux", "hospitals"),
    ("centre", "centre"),
    ("frontière", "border"),
    ("zone", "area"),
    ("camp", "camp"),
    ("base", "base"),
    ("marché", "market"),
    ("mariage", "wedding"),
    ("deuil", "mourning"),
    ("funérailles", "funeral"),
    ("mosquée", "mosque"),
    ("école", "school"),
    ("convoi", "convoy"),
    ("bateau", "boat"),
    ("navire", "ship"),
    ("pinasse", "boat"),
    ("bac", "ferry"),
    ("destination", "destination"),
    // speech
    ("annoncé", "announced"),
    ("publié", "published"),
    ("publiée", "published"),
    ("publiés", "published"),
    ("publiées", "published"),
    ("diffusé", "released"),
    ("évoqué", "reported"),
    // statements in the narrative present: "le 15 octobre, le
    // gouvernement publie un bilan définitif"
    ("publie", "published"),
    ("publient", "published"),
    ("annonce", "announced"),
    ("annoncent", "announced"),
    ("déclare", "declared"),
    ("indique", "indicated"),
    ("indiquent", "indicated"),
    // a second account in the present: "des notables évoquent soixante morts"
    // "les huit premiers mois de 2017" (the plural only: "le Premier
    // ministre" is no first account)
    ("premiers", "first"),
    ("premières", "first"),
    // "le bilan s'établit désormais à 25 morts": the toll as it stands now
    ("désormais", "now"),
    ("pleure", "mourns"),
    ("pleurent", "mourn"),
    ("évoque", "speak"),
    ("évoquent", "speak"),
    ("parle", "speak"),
    ("parlent", "speak"),
    ("affirme", "says"),
    ("affirment", "say"),
    ("signalé", "reported"),
    ("établit", "established"),
    ("enquête", "inquiry"),
    ("même", "same"),
    ("indiqué", "said"),
    ("déclaré", "said"),
    ("affirmé", "said"),
    ("précisé", "said"),
    ("rapporté", "reported"),
    ("confirmé", "confirmed"),
    ("conclu", "concluded"),
    ("communiqué", "statement"),
    ("presse", "press"),
    ("cité", "cited"),
    ("citée", "cited"),
    ("cités", "cited"),
    ("citées", "cited"),
    ("revendiqué", "claimed"),
    ("revendiquée", "claimed"),
    // dates
    ("janvier", "january"),
    ("février", "february"),
    ("mars", "march"),
    ("avril", "april"),
    ("mai", "may"),
    ("juin", "june"),
    ("juillet", "july"),
    ("août", "august"),
    ("septembre", "september"),
    ("octobre", "october"),
    ("novembre", "november"),
    ("décembre", "december"),
    // the agencies' abbreviations: "NIAMEY, 4 juil (AFP) -"
    ("janv", "january"),
    ("févr", "february"),
    ("avr", "april"),
    ("juil", "july"),
    ("déc", "december"),
    ("lundi", "monday"),
    ("mardi", "tuesday"),
    ("mercredi", "wednesday"),
    ("jeudi", "thursday"),
    ("vendredi", "friday"),
    ("samedi", "saturday"),
    ("dimanche", "sunday"),
    ("hier", "yesterday"),
    ("aujourd'hui", "today"),
    ("matin", "morning"),
    ("soir", "evening"),
    ("soirée", "evening"),
    ("nuit", "night"),
    ("après-midi", "afternoon"),
    ("semaine", "week"),
    ("fin", "late"),
    ("début", "early"),
    // vague counts
    ("dizaines", "dozens"),
    ("centaines", "hundreds"),
    ("milliers", "thousands"),
];

/// Phrases (lowercase words, elisions split) and their reading, longest
/// first where they share a start.
pub const PHRASES: &[(&[&str], &[&str])] = &[
    // aggregates and subsets
    (
        &["depuis", "le", "début", "de", "l'", "année"],
        &["since", "the", "start", "of", "this", "year"],
    ),
    (&["depuis", "le", "début"], &["since", "the", "start"]),
    (&["depuis", "janvier"], &["since", "january"]),
    // "le plus meurtrier depuis celui de Solhan": a comparison, no period
    (&["depuis", "celui"], &["compared", "with", "that"]),
    (&["depuis", "celle"], &["compared", "with", "that"]),
    (&["cette", "année"], &["this", "year"]),
    // superlatives: "l'un des bilans les plus lourds depuis janvier"
    (&["les", "plus"], &["the", "most"]),
    (&["le", "plus"], &["the", "most"]),
    (&["la", "plus"], &["the", "most"]),
    // an event without dead: "sans faire de victimes", "aucun mort"
    (
        &["sans", "faire", "de", "victimes"],
        &["without", "casualties"],
    ),
    (
        &["sans", "faire", "de", "victime"],
        &["without", "casualties"],
    ),
    (&["sans", "faire", "de", "morts"], &["without", "deaths"]),
    (&["sans", "faire", "de", "mort"], &["without", "deaths"]),
    (&["aucun", "mort"], &["no", "deaths"]),
    (&["aucune", "victime"], &["no", "casualties"]),
    (&["pas", "de", "victime"], &["no", "casualties"]),
    (&["pas", "de", "victimes"], &["no", "casualties"]),
    // where the wounded are treated: "au centre médical de Gayéri"
    (&["centre", "médical"], &["clinic"]),
    (&["centre", "de", "santé"], &["clinic"]),
    (&["centre", "hospitalier"], &["hospital"]),
    (&["centre", "de", "soins"], &["clinic"]),
    // "ont fait feu sur la foule", "ont ouvert le feu": they fired
    (&["fait", "feu"], &["fired"]),
    (&["ouvert", "le", "feu"], &["fired"]),
    // "le convoi a été pris pour cible près d'Indelimane"
    (&["pris", "pour", "cible"], &["targeted"]),
    (&["prise", "pour", "cible"], &["targeted"]),
    (&["prises", "pour", "cible"], &["targeted"]),
    (&["pris", "à", "partie"], &["attacked"]),
    // "cinq mois plus tôt", "deux jours plus tard": relative to the event told
    (&["plus", "tôt"], &["earlier"]),
    (&["plus", "tard"], &["later"]),
    // "au premier semestre 2023": half a year
    (&["premier", "semestre"], &["first", "half"]),
    (&["second", "semestre"], &["second", "half"]),
    (&["deuxième", "semestre"], &["second", "half"]),
    // "dix à quinze militaires tués au total": one event's whole toll, as
    // English "in total" (a total over several attacks is still an
    // aggregate: see `tolls::sums_several_events`)
    (&["au", "total"], &["in", "total"]),
    (&["en", "tout"], &["in", "total"]),
    (&["au", "cumul"], &["overall"]),
    (
        &["au", "cours", "de", "la", "période"],
        &["during", "the", "period"],
    ),
    (&["durant", "la", "période"], &["during", "the", "period"]),
    (&["pendant", "la", "période"], &["during", "the", "period"]),
    (&["parmi", "lesquels"], &["among", "whom"]),
    (&["parmi", "lesquelles"], &["among", "whom"]),
    (&["parmi", "eux"], &["among", "them"]),
    (&["parmi", "elles"], &["among", "them"]),
    // "deux morts parmi les résidents, en plus des deux kamikazes"
    (&["parmi", "les"], &["among", "the"]),
    (&["attaques", "distinctes"], &["separate", "attacks"]),
    (&["chacune", "des", "attaques"], &["separate", "attacks"]),
    (
        &["chacune", "de", "ces", "attaques"],
        &["separate", "attacks"],
    ),
    (&["attaques", "séparées"], &["separate", "attacks"]),
    (&["plusieurs", "attaques"], &["various", "attacks"]),
    // bounds
    (&["au", "moins"], &["at", "least"]),
    (&["au", "minimum"], &["at", "least"]),
    (&["pas", "moins", "de"], &["no", "fewer", "than"]),
    (&["pas", "moins", "d'"], &["no", "fewer", "than"]),
    (&["plus", "de"], &["more", "than"]),
    (&["plus", "d'"], &["more", "than"]),
    (&["près", "de"], &["nearly"]),
    (&["près", "d'"], &["nearly"]),
    (&["jusqu'", "à"], &["up", "to"]),
    (&["une", "dizaine"], &["#10"]),
    (&["une", "douzaine"], &["#12"]),
    (&["des", "douzaines"], &["dozens"]),
    (&["une", "quinzaine"], &["#15"]),
    (&["une", "vingtaine"], &["#20"]),
    (&["une", "trentaine"], &["#30"]),
    (&["une", "quarantaine"], &["#40"]),
    (&["une", "cinquantaine"], &["#50"]),
    (&["une", "soixantaine"], &["#60"]),
    (&["une", "centaine"], &["#100"]),
    (&["un", "millier"], &["#1000"]),
    (&["des", "dizaines"], &["dozens"]),
    (&["plusieurs", "dizaines"], &["dozens"]),
    (&["des", "centaines"], &["hundreds"]),
    (&["plusieurs", "centaines"], &["hundreds"]),
    (&["des", "milliers"], &["thousands"]),
    (&["plusieurs", "milliers"], &["thousands"]),
    // tolls
    (&["perdu", "la", "vie"], &["died"]),
    (&["trouvé", "la", "mort"], &["died"]),
    // "un agent a été mortellement atteint", "deux civils mortellement
    // blessés": the wound killed
    (&["mortellement", "atteint"], &["fatally", "hit"]),
    (&["mortellement", "atteinte"], &["fatally", "hit"]),
    (&["mortellement", "atteints"], &["fatally", "hit"]),
    (&["mortellement", "blessé"], &["fatally", "wounded"]),
    (&["mortellement", "blessée"], &["fatally", "wounded"]),
    (&["mortellement", "blessés"], &["fatally", "wounded"]),
    (&["mortellement", "touché"], &["fatally", "hit"]),
    (&["mortellement", "touchés"], &["fatally", "hit"]),
    // (the present of a timeline or a chronicle: "soixante et onze
    // soldats y trouvent la mort", "un gendarme perd la vie")
    (&["trouvent", "la", "mort"], &["die"]),
    (&["trouve", "la", "mort"], &["dies"]),
    (&["perdent", "la", "vie"], &["die"]),
    (&["perd", "la", "vie"], &["dies"]),
    (
        &["coûté", "la", "vie", "à"],
        &["claimed", "the", "lives", "of"],
    ),
    (&["coûté", "la", "vie"], &["claimed", "the", "lives"]),
    (
        &["coûte", "la", "vie", "à"],
        &["claimed", "the", "lives", "of"],
    ),
    (&["coûte", "la", "vie"], &["claimed", "the", "lives"]),
    (&["sur", "le", "coup"], &["on", "the", "spot"]),
    // "trois d'entre eux ont été tués": of them (no range)
    (&["d'", "entre", "eux"], &["of", "them"]),
    (&["d'", "entre", "elles"], &["of", "them"]),
    (&["la", "mort", "de"], &["the", "death", "of"]),
    (&["la", "mort", "des"], &["the", "death", "of", "the"]),
    (&["la", "mort", "d'"], &["the", "death", "of"]),
    (&["sans", "vie"], &["dead"]),
    (&["au", "champ", "d'", "honneur"], &["in", "battle"]),
    (&["fait", "état", "de"], &["reported"]),
    (&["fait", "état", "d'"], &["reported"]),
    (&["faisait", "état", "de"], &["earlier", "reported"]),
    (&["faisait", "état", "d'"], &["earlier", "reported"]),
    (&["faisant", "état", "de"], &["reporting"]),
    (&["faisant"], &["leaving"]),
    (&["rendu", "publiques"], &["released"]),
    (&["rendu", "public"], &["released"]),
    (&["rendu", "publics"], &["released"]),
    (&["rendu", "publique"], &["released"]),
    (&["à", "hauteur", "de"], &["near"]),
    (&["à", "hauteur", "d'"], &["near"]),
    (&["aux", "abords", "de"], &["near"]),
    (&["aux", "environs", "de"], &["near"]),
    (&["à", "la", "hauteur", "de"], &["near"]),
    (&["non", "loin", "de"], &["near"]),
    // an earlier report told in the imperfect
    (&["évoquait"], &["earlier", "reported"]),
    (&["annonçait"], &["earlier", "reported"]),
    (&["parlait", "de"], &["earlier", "reported"]),
    (&["parlait", "d'"], &["earlier", "reported"]),
    (&["portés", "disparus"], &["missing"]),
    (&["d'", "abord"], &["initially"]),
    (&["dans", "un", "premier", "temps"], &["initially"]),
    (&["jusqu'", "ici"], &["previously"]),
    (&["dernier", "bilan"], &["latest", "toll"]),
    (&["nouveau", "bilan"], &["new", "toll"]),
    (&["bilan", "définitif"], &["final", "toll"]),
    (&["passe", "à"], &["rose", "to"]),
    (&["passé", "à"], &["rose", "to"]),
    (&["s'", "est", "alourdi"], &["has", "risen"]),
    (&["s'", "alourdit"], &["rose"]),
    (&["porté", "disparu"], &["missing"]),
    (&["s'", "élève", "à"], &["now", "stands", "at"]),
    (&["s'", "élève", "désormais", "à"], &["now", "stands", "at"]),
    (&["s'", "élevait", "à"], &["stood", "at"]),
    (&["est", "passé", "à"], &["rose", "to"]),
    (&["porté", "à"], &["risen", "to"]),
    // "un renfort venu de Bankass": where the column came from
    (&["venu", "de"], &["from"]),
    (&["venus", "de"], &["from"]),
    (&["venue", "de"], &["from"]),
    (&["venues", "de"], &["from"]),
    (&["venant", "de"], &["from"]),
    (&["parti", "de"], &["from"]),
    (&["partie", "de"], &["from"]),
    (&["partis", "de"], &["from"]),
    (&["parties", "de"], &["from"]),
    // more of a list: "deux morts parmi les résidents, en plus des deux
    // kamikazes"
    (&["en", "plus", "des"], &["in", "addition", "to", "the"]),
    (&["en", "plus", "de"], &["in", "addition", "to"]),
    // "le communiqué porte le bilan à treize morts": a new toll
    (
        &["porte", "le", "bilan", "à"],
        &["raised", "the", "toll", "to"],
    ),
    (
        &["a", "porté", "le", "bilan", "à"],
        &["raised", "the", "toll", "to"],
    ),
    // "les premières informations faisaient état de...": a first account
    (&["premières", "informations"], &["first", "reports"]),
    (&["premiers", "éléments"], &["first", "reports"]),
    (&["premier", "bilan"], &["first", "toll"]),
    (&["premier", "décompte"], &["first", "count"]),
    (&["premier", "comptage"], &["first", "count"]),
    (&["premier", "recensement"], &["first", "count"]),
    (&["portant", "à"], &["raising", "to"]),
    (&["revu", "à", "la", "hausse"], &["revised", "upward"]),
    (&["revu", "à", "la", "baisse"], &["revised", "downward"]),
    (&["hommes", "armés"], &["gunmen"]),
    (&["individus", "armés"], &["gunmen"]),
    (&["groupes", "armés"], &["armed", "groups"]),
    (&["groupe", "armé"], &["armed", "group"]),
    (
        &["forces", "de", "défense", "et", "de", "sécurité"],
        &["security", "forces"],
    ),
    (&["forces", "de", "sécurité"], &["security", "forces"]),
    (&["forces", "armées"], &["armed", "forces"]),
    (&["engin", "explosif", "improvisé"], &["ied"]),
    (&["engin", "explosif"], &["ied"]),
    (&["engins", "explosifs"], &["ied"]),
    (&["mine", "artisanale"], &["landmine"]),
    (&["frappe", "aérienne"], &["airstrike"]),
    (&["frappes", "aériennes"], &["airstrikes"]),
    (&["frappe", "de", "drone"], &["drone", "strike"]),
    (&["pour", "cent"], &["percent"]),
    // dates
    (&["avant-hier"], &["day", "before", "yesterday"]),
    (&["la", "veille"], &["the", "day", "before"]),
    (&["ce", "matin"], &["today"]),
    (&["ce", "soir"], &["today"]),
    (&["cet", "après-midi"], &["today"]),
    (&["la", "semaine", "dernière"], &["last", "week"]),
    (&["semaine", "dernière"], &["last", "week"]),
    (&["le", "mois", "dernier"], &["last", "month"]),
    (&["mois", "dernier"], &["last", "month"]),
    (&["l'", "an", "dernier"], &["last", "year"]),
    (&["l'", "année", "dernière"], &["last", "year"]),
    (&["l'", "an", "passé"], &["last", "year"]),
    (&["l'", "année", "passée"], &["last", "year"]),
    (&["le", "week-end", "dernier"], &["last", "weekend"]),
    (&["ce", "week-end"], &["this", "weekend"]),
    (&["le", "lendemain"], &["the", "next", "day"]),
];

/// Adjectives that follow a noun of people and are folded into it.
const ADJ_AFTER: &[&str] = &[
    "bleu",
    "bleus",
    "onusien",
    "onusienne",
    "onusiens",
    "onusiennes",
    "guinéens",
    "guinéen",
    "sénégalais",
    "bangladais",
    "égyptiens",
    "nigérians",
    "mauritaniens",
    "tchadien",
    "ivoirien",
    "allemands",
    "britanniques",
    "chinois",
    "américains",
    "canadiens",
    "espagnol",
    "espagnols",
    "italiens",
    "belges",
    "suisses",
    "nigériens",
    "nigérien",
    "nigériennes",
    "maliens",
    "malien",
    "maliennes",
    "burkinabè",
    "burkinabé",
    "burkinabès",
    "burkinabés",
    "français",
    "françaises",
    "tchadiens",
    "togolais",
    "ivoiriens",
    "peuls",
    "peuhls",
    "dogons",
    "touaregs",
    "innocents",
    "armés",
    "supplémentaires",
    "additionnels",
    "présumés",
    "non",
    "identifiés",
    "locaux",
    "étrangers",
    "nationaux",
    "jihadistes",
    "djihadistes",
    "terroristes",
];

/// Nouns of people after which [`ADJ_AFTER`] adjectives are folded.
fn people_noun(w: &str) -> bool {
    matches!(
        w,
        "personnes"
            | "morts"
            | "corps"
            | "civils"
            | "soldats"
            | "militaires"
            | "gendarmes"
            | "policiers"
            | "villageois"
            | "habitants"
            | "enfants"
            | "femmes"
            | "hommes"
            | "assaillants"
            | "terroristes"
            | "jihadistes"
            | "djihadistes"
            | "combattants"
            | "éléments"
            | "volontaires"
            | "civiles"
            | "fidèles"
            | "orpailleurs"
            | "maraîchers"
            | "paysans"
            | "pêcheurs"
            | "bouviers"
            | "étudiants"
            | "marchands"
            | "commerçants"
            | "villageoises"
            | "habitantes"
            | "éleveurs"
            | "passagers"
            | "individus"
            | "ressortissants"
            | "otages"
                        | "casques"
            | "casque"
            // (and one of them: "un soldat malien a été tué")
            | "soldat"
            | "militaire"
            | "gendarme"
            | "policier"
            | "douanier"
            | "civil"
            | "habitant"
            | "enfant"
            | "homme"
            | "femme"
            | "volontaire"
            | "passager"
            | "ressortissant"
            | "otage"
    )
}

/// Adverbs dropped between an auxiliary and its participle.
const ADVERBS: &[&str] = &[
    "déjà",
    "également",
    "aussi",
    "lâchement",
    "froidement",
    "sauvagement",
    "atrocement",
    "finalement",
    "malheureusement",
    "tous",
    "toutes",
    "effectivement",
    "officiellement",
    "vraisemblablement",
    "respectivement",
];

/// Auxiliaries (as read) after which [`ADVERBS`] go.
const AUX_OUT: &[&str] = &["have", "has", "had", "been", "are", "is", "were", "was"];

/// Length of a complement after a noun of people that says nothing of the
/// toll: "de dix-huit nationalités", "âgés de 5 à 17 ans" is not one (an
/// age is kept), "dans les rangs de l'armée", "du côté ennemi".
fn complement_at(t: &[Token], k: usize) -> Option<usize> {
    let w = |j: usize| t.get(j).map(|x| x.lw()).unwrap_or("");
    // "soldats de Barkhane", "casques bleus de la Minusma": the force
    let mut j = k;
    if matches!(w(j), "de" | "d'" | "du" | "des") {
        j += 1;
        if matches!(w(j), "la" | "l'") {
            j += 1;
        }
        if matches!(
            w(j),
            "barkhane"
                | "minusma"
                | "fama"
                | "armée"
                | "force"
                | "fds"
                | "vdp"
                | "takuba"
                | "gendarmerie"
        ) {
            return Some(j + 1 - k);
        }
    }
    if matches!(w(k), "de" | "d'")
        && is_number(t.get(k + 1))
        && matches!(w(k + 2), "nationalités" | "pays" | "nationalité")
    {
        return Some(3);
    }
    // "du côté des assaillants" / "dans les rangs des assaillants" keep the
    // head they name: only the army's side is folded here
    if w(k) == "dans" && w(k + 1) == "les" && w(k + 2) == "rangs" {
        let mut j = k + 3;
        if matches!(w(j), "de" | "des" | "du") {
            j += 1;
        }
        if w(j) == "l'" {
            j += 1;
        }
        if matches!(w(j), "armée" | "forces" | "fds" | "fama" | "l'armée") {
            return Some(j + 1 - k);
        }
    }
    None
}

/// Elided prefixes split off a word ("d'Arbinda", "l'armée", "qu'ils").
const ELISIONS: &[&str] = &[
    "jusqu'", "lorsqu'", "puisqu'", "presqu'", "qu'", "l'", "d'", "j'", "n'", "s'", "c'", "m'",
    "t'",
];

fn lookup(w: &str) -> Option<&'static str> {
    static MAP: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| WORDS.iter().copied().collect())
        .get(w)
        .copied()
}

fn unit(w: &str) -> Option<u64> {
    Some(match w {
        "zéro" => 0,
        "un" | "une" => 1,
        "deux" => 2,
        "trois" => 3,
        "quatre" => 4,
        "cinq" => 5,
        "six" => 6,
        "sept" => 7,
        "huit" => 8,
        "neuf" => 9,
        "dix" => 10,
        "onze" => 11,
        "douze" => 12,
        "treize" => 13,
        "quatorze" => 14,
        "quinze" => 15,
        "seize" => 16,
        "vingt" | "vingts" => 20,
        "trente" => 30,
        "quarante" => 40,
        "cinquante" => 50,
        "soixante" => 60,
        "septante" => 70,
        "huitante" | "octante" => 80,
        "nonante" => 90,
        _ => return None,
    })
}

fn is_number_part(p: &str) -> bool {
    unit(p).is_some()
        || matches!(
            p,
            "cent" | "cents" | "mille" | "million" | "millions" | "et"
        )
}

/// The value of a run of French number words `parts` (hyphenated compounds
/// already split), or `None` when they do not make a number.
///
/// # Examples
/// ```
/// use casualty_atlas::extract::lang::fr::number_value;
/// assert_eq!(number_value(&["quatre", "vingt", "dix", "neuf"]), Some(99));
/// assert_eq!(number_value(&["soixante", "et", "onze"]), Some(71));
/// assert_eq!(number_value(&["deux", "cents"]), Some(200));
/// assert_eq!(number_value(&["mille", "deux", "cent", "trente"]), Some(1230));
/// ```
pub fn number_value(parts: &[&str]) -> Option<u64> {
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut prev = "";
    let mut any = false;
    for (k, &p) in parts.iter().enumerate() {
        match p {
            "et" => {
                let next = parts.get(k + 1).copied().unwrap_or("");
                if !(current % 10 == 0 && current >= 20 && matches!(next, "un" | "une" | "onze")) {
                    return None;
                }
            }
            "cent" | "cents" => {
                current = if current % 100 == 0 {
                    current.max(1).saturating_mul(100)
                } else {
                    ((current / 100) * 100).saturating_add((current % 100) * 100)
                };
                any = true;
            }
            "mille" => {
                total = total.saturating_add(current.max(1).saturating_mul(1000));
                current = 0;
                any = true;
            }
            "million" | "millions" => {
                total = total.saturating_add(current.max(1).saturating_mul(1_000_000));
                current = 0;
                any = true;
            }
            _ => {
                let v = unit(p)?;
                if matches!(p, "vingt" | "vingts") && prev == "quatre" {
                    // quatre-vingt(s): 4 × 20
                    current = current.saturating_add(76);
                } else {
                    let low = current % 100;
                    // a unit after a unit ("cinq six") is two numbers
                    if any && low != 0 && !(low % 10 == 0 && v < 20 && (low >= 20 || v < 10)) {
                        return None;
                    }
                    current = current.saturating_add(v);
                }
                any = true;
            }
        }
        prev = p;
    }
    any.then_some(total.saturating_add(current))
}

fn tok<'a>(t: &Token<'a>, lower: &'static str) -> Token<'a> {
    Token {
        lower: Cow::Borrowed(lower),
        ..t.clone()
    }
}

/// Splits elisions, merges digit groups and drops ordinal suffixes.
fn split_pass<'a>(text: &'a str, toks: Vec<Token<'a>>) -> Vec<Token<'a>> {
    let mut out: Vec<Token<'a>> = Vec::with_capacity(toks.len() + 8);
    for t in toks {
        match t.kind {
            Kind::Word => {
                // "1er", "2e": the suffix of an ordinal
                if !t.space_before
                    && matches!(t.lw(), "er" | "re" | "ère" | "e" | "ème")
                    && out.last().is_some_and(|p| p.kind == Kind::Num)
                {
                    if let Some(p) = out.last_mut() {
                        p.end = t.end;
                    }
                    continue;
                }
                if t.lw() != "aujourd'hui" {
                    if let Some(pre) = ELISIONS
                        .iter()
                        .find(|p| t.lower.starts_with(*p) && t.lower.len() > p.len())
                    {
                        // the apostrophe's place in the text (it may be ’)
                        let raw = text.get(t.start..t.end).unwrap_or("");
                        let n_chars = pre.chars().count();
                        let cut = raw
                            .char_indices()
                            .nth(n_chars)
                            .map(|(b, _)| b)
                            .unwrap_or(raw.len());
                        let rest_raw = &raw[cut..];
                        let rest_lower = t.lower[pre.len()..].to_string();
                        out.push(Token {
                            start: t.start,
                            end: t.start + cut,
                            kind: Kind::Word,
                            lower: Cow::Borrowed(pre),
                            cap: t.cap,
                            value: None,
                            space_before: t.space_before,
                        });
                        out.push(Token {
                            start: t.start + cut,
                            end: t.end,
                            kind: Kind::Word,
                            lower: Cow::Owned(rest_lower),
                            cap: rest_raw.chars().next().is_some_and(char::is_uppercase),
                            value: None,
                            space_before: false,
                        });
                        continue;
                    }
                }
                out.push(t);
            }
            Kind::Num => {
                // "1.200": dots between groups of three
                let mut t = t;
                if t.value.is_none() && t.lower.contains('.') {
                    let groups: Vec<&str> = t.lower.split('.').collect();
                    let ok = groups.len() >= 2
                        && (1..=3).contains(&groups[0].len())
                        && groups[1..].iter().all(|g| g.len() == 3)
                        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
                    if ok {
                        t.value = groups.concat().parse().ok();
                    }
                }
                // "1 200", "4 000" (space, no-break space, thin space)
                if let Some(p) = out.last_mut() {
                    let gap = text.get(p.end..t.start).unwrap_or("x");
                    let one_space =
                        gap.chars().count() == 1 && gap.chars().all(char::is_whitespace);
                    if p.kind == Kind::Num
                        && one_space
                        && t.lower.len() == 3
                        && t.lower.bytes().all(|b| b.is_ascii_digit())
                        && p.value.is_some_and(|v| v > 0)
                        && (p.lower.len() <= 3
                            || p.lower.contains(' ')
                            || p.lower.contains('\u{a0}'))
                        && !p.lower.contains('.')
                    {
                        let v = p.value.unwrap_or(0) * 1000 + t.value.unwrap_or(0);
                        p.value = Some(v);
                        p.end = t.end;
                        p.lower = Cow::Owned(format!("{} {}", p.lower, t.lower));
                        continue;
                    }
                }
                out.push(t);
            }
            Kind::Punct => out.push(t),
        }
    }
    out
}

/// Number words at `i`: (value, next token).
fn number_at(toks: &[Token], i: usize) -> Option<(u64, usize)> {
    let mut parts: Vec<&str> = Vec::new();
    // where each consumed token's parts begin
    let mut starts: Vec<usize> = Vec::new();
    let mut j = i;
    while let Some(t) = toks.get(j) {
        if t.kind != Kind::Word {
            break;
        }
        let ps: Vec<&str> = t.lower.split('-').collect();
        if !ps.iter().all(|p| is_number_part(p)) {
            break;
        }
        if t.lower == "et" {
            // "soixante et onze", "vingt et un": only inside a number
            let nx = toks.get(j + 1).map(|x| x.lw()).unwrap_or("");
            if parts.is_empty() || !matches!(nx, "un" | "une" | "onze") {
                break;
            }
        }
        // a lone "un"/"une" is the article unless it ends "vingt et un"
        if matches!(t.lw(), "un" | "une") && parts.last() != Some(&"et") {
            break;
        }
        starts.push(parts.len());
        parts.extend(ps);
        j += 1;
    }
    // drop a trailing "et" the loop may not have consumed into a number,
    // with the whole token that ends in it ("vingt-et")
    while parts.last() == Some(&"et") {
        let Some(s) = starts.pop() else { break };
        parts.truncate(s);
        j -= 1;
    }
    if parts.is_empty() {
        return None;
    }
    number_value(&parts).map(|v| (v, j))
}

fn num_token<'a>(first: &Token<'a>, last_end: usize, v: u64) -> Token<'a> {
    Token {
        start: first.start,
        end: last_end,
        kind: Kind::Num,
        lower: Cow::Owned(v.to_string()),
        cap: false,
        value: Some(v),
        space_before: first.space_before,
    }
}

fn is_number(t: Option<&Token>) -> bool {
    t.is_some_and(|t| t.kind == Kind::Num)
}

/// Rewrites a French sentence's tokens (see the module documentation).
pub fn normalize<'a>(text: &'a str, toks: Vec<Token<'a>>) -> Vec<Token<'a>> {
    let toks = split_pass(text, toks);
    let t = merge_repeated_figures(spelled_numbers(toks));
    let n = t.len();
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let mut out: Vec<Token<'a>> = Vec::with_capacity(n + 4);
    let mut i = 0;
    while i < n {
        let x = &t[i];
        if x.kind != Kind::Word {
            out.push(x.clone());
            i += 1;
            continue;
        }
        if let Some(next) = rewrite_at(&t, i, &mut out) {
            i = next;
            continue;
        }
        let lw = x.lw();
        // names: "Boucle du Mouhoun", "Hauts-Bassins"
        let between_caps =
            i > 0 && t[i - 1].cap && t.get(i + 1).is_some_and(|y| y.cap && y.kind == Kind::Word);
        let c: Option<&'static str> = match lw {
            "de" | "du" | "des" | "d'" if between_caps => None,
            // "de 40 à 85", "du 22 au 23 mars": a range
            "de" | "du" | "d'" if is_number(t.get(i + 1)) && matches!(w(i + 2), "à" | "au") => {
                Some("from")
            }
            // "de" after a count or between "et" and a count: "et de 63"
            "de" | "d'"
                if out.last().is_some_and(|p| p.kind == Kind::Num)
                    || (w(i.wrapping_sub(1)) == "et" && is_number(t.get(i + 1))) =>
            {
                i += 1;
                continue;
            }
            "à" | "au" if is_number(t.get(i + 1)) => Some("to"),
            // "le 30 mars": a day of the month
            "le" if is_number(t.get(i + 1))
                && super::super::dates::month(lookup(w(i + 2)).unwrap_or("")).is_some() =>
            {
                Some("on")
            }
            // "ce lundi", "cette nuit de samedi": the weekday alone
            "ce" | "cette"
                if super::super::dates::weekday(lookup(w(i + 1)).unwrap_or("")).is_some() =>
            {
                i += 1;
                continue;
            }
            // "de jeudi à vendredi" (not "jeudi à Tarkint", a place)
            "à" if i > 0
                && out
                    .last()
                    .is_some_and(|p| super::super::dates::weekday(p.lw()).is_some())
                && (lookup(w(i + 1))
                    .is_some_and(|c| super::super::dates::weekday(c).is_some())
                    || is_number(t.get(i + 1))) =>
            {
                Some("to")
            }
            _ => lookup(lw),
        };
        out.push(match c {
            Some(c) => canonical(x, c),
            None => x.clone(),
        });
        i += 1;
    }
    out
}

/// Numbers in words become number tokens.
fn spelled_numbers<'a>(toks: Vec<Token<'a>>) -> Vec<Token<'a>> {
    // numbers in words
    let mut nums: Vec<Token<'a>> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind == Kind::Word {
            if let Some((v, next)) = number_at(&toks, i) {
                nums.push(num_token(&toks[i], toks[next - 1].end, v));
                i = next;
                continue;
            }
        }
        nums.push(toks[i].clone());
        i += 1;
    }
    nums
}

/// "dix-sept (17)": the figure in letters then in digits is one
fn merge_repeated_figures<'a>(nums: Vec<Token<'a>>) -> Vec<Token<'a>> {
    let mut k = 0;
    let mut dedup: Vec<Token<'a>> = Vec::with_capacity(nums.len());
    while k < nums.len() {
        let x = &nums[k];
        if x.kind == Kind::Num
            && nums.get(k + 1).is_some_and(|p| p.is_punct('('))
            && nums
                .get(k + 2)
                .is_some_and(|y| y.kind == Kind::Num && y.value == x.value)
            && nums.get(k + 3).is_some_and(|p| p.is_punct(')'))
        {
            let mut y = x.clone();
            y.end = nums[k + 3].end;
            dedup.push(y);
            k += 4;
            continue;
        }
        dedup.push(x.clone());
        k += 1;
    }
    dedup
}

/// The rules for the word at `i`, tried in turn: the first that applies
/// writes its tokens to `out` and gives the index to go on from.
fn rewrite_at<'a>(t: &[Token<'a>], i: usize, out: &mut Vec<Token<'a>>) -> Option<usize> {
    if let Some(next) = near_or_phrase(t, i, out) {
        return Some(next);
    }
    if let Some(next) = dropped_filler(t, i, out) {
        return Some(next);
    }
    if let Some(next) = figure_joints(t, i, out) {
        return Some(next);
    }
    if let Some(next) = toll_phrases(t, i, out) {
        return Some(next);
    }
    if let Some(next) = sides_and_forces(t, i, out) {
        return Some(next);
    }
    people_noun_at(t, i, out)
}

/// "près de" before a place, and the fixed phrases of [`PHRASES`].
fn near_or_phrase<'a>(t: &[Token<'a>], i: usize, out: &mut Vec<Token<'a>>) -> Option<usize> {
    let n = t.len();
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let x = &t[i];
    // "près de Tabatol" is near a place; "près de 1 200" is nearly a count
    if x.lw() == "près"
        && matches!(w(i + 1), "de" | "d'" | "du")
        && t.get(i + 2)
            .is_some_and(|y| y.cap && number_at(t, i + 2).is_none())
    {
        out.push(canonical(x, "near"));
        if w(i + 1) == "du" {
            out.push(canonical(&t[i + 1], "the"));
        }
        return Some(i + 2);
    }
    // phrases
    for (from, to) in PHRASES {
        if from.len() > n - i || !from.iter().enumerate().all(|(k, f)| w(i + k) == *f) {
            continue;
        }
        let last = &t[i + from.len() - 1];
        if to.len() == from.len() {
            for (k, c) in to.iter().enumerate() {
                out.push(canonical(&t[i + k], c));
            }
        } else {
            for c in to.iter() {
                let mut y = canonical(x, c);
                y.end = last.end;
                out.push(y);
            }
        }
        let mut i = i + from.len();
        // "une centaine de personnes": the "de" after a count goes
        if to.len() == 1 && to[0].starts_with('#') && matches!(w(i), "de" | "d'") {
            i += 1;
        }
        return Some(i);
    }
    None
}

/// Words dropped before a verb or a participle: the pronoun "y", adverbs.
fn dropped_filler(t: &[Token], i: usize, out: &[Token]) -> Option<usize> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let lw = t[i].lw();
    // "vingt soldats y avaient perdu la vie": the pronoun "y" (there)
    // before the verb goes
    if lw == "y"
        && matches!(
            w(i + 1),
            "a" | "ont"
                | "avait"
                | "avaient"
                | "sont"
                | "étaient"
                | "était"
                | "est"
                | "ont-ils"
                | "eut"
                | "eurent"
                | "furent"
                | "fut"
                | "seraient"
                | "auraient"
                | "aurait"
                | "périrent"
                | "périt"
                | "trouvèrent"
                | "trouvent"
        )
    {
        return Some(i + 1);
    }
    // "ont été lâchement tuées", "avaient déjà péri": an adverb between
    // the auxiliary and the participle goes
    if ADVERBS.contains(&lw) && out.last().is_some_and(|p| AUX_OUT.contains(&p.lw())) {
        return Some(i + 1);
    }
    None
}

/// Revised figures, later figures, calendar dates and lists of places.
fn figure_joints<'a>(t: &[Token<'a>], i: usize, out: &mut Vec<Token<'a>>) -> Option<usize> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let x = &t[i];
    let lw = x.lw();
    // "revu à la hausse, de 137 à 141 morts": the revision's figure
    if matches!(lw, "de" | "d'")
        && is_number(t.get(i + 1))
        && matches!(w(i + 2), "à" | "au")
        && is_number(t.get(i + 3))
        && out
            .iter()
            .rev()
            .take(4)
            .any(|p| matches!(p.lw(), "upward" | "downward" | "revised" | "risen" | "rose"))
    {
        out.push(canonical(&t[i + 2], "to"));
        return Some(i + 3);
    }
    // "137 morts, puis 141": the later figure counts the same dead
    if lw == "puis"
        && is_number(t.get(i + 1))
        && !people_noun(w(i + 2))
        && lookup(w(i + 2)) != Some("dead")
        && out.iter().any(|p| matches!(p.lw(), "dead" | "killed"))
    {
        out.push(canonical(x, "then"));
        let num = t[i + 1].clone();
        let mut d = tok(&num, "dead");
        d.kind = Kind::Word;
        d.value = None;
        out.push(num);
        out.push(d);
        return Some(i + 2);
    }
    // ("lundi 15 mars": the weekday stays beside the calendar date, which
    // it can tell the year of: "le vendredi 11 août" after a paragraph set
    // in another year)
    // "de Y et de Z" in a list of places: the repeated "de" goes
    if matches!(lw, "de" | "d'")
        && matches!(w(i.wrapping_sub(1)), "," | "et")
        && t.get(i + 1).is_some_and(|y| y.cap && y.kind == Kind::Word)
    {
        return Some(i + 1);
    }
    None
}

/// "a fait 86 morts", "à 20 kilomètres de", "le nombre de militaires tués".
fn toll_phrases<'a>(t: &[Token<'a>], i: usize, out: &mut Vec<Token<'a>>) -> Option<usize> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let x = &t[i];
    let lw = x.lw();
    // "a fait 86 morts", "ont fait au moins dix victimes": left dead
    if matches!(lw, "fait" | "font" | "firent")
        && (is_number(t.get(i + 1))
            || matches!(
                w(i + 1),
                "au" | "plus"
                    | "près"
                    | "environ"
                    | "une"
                    | "des"
                    | "plusieurs"
                    | "quelque"
                    | "entre"
                    | "pas"
            ))
    {
        out.push(canonical(x, "left"));
        return Some(i + 1);
    }
    // "à 20 kilomètres de Djibo": the town is a reference, not the scene
    if matches!(lw, "de" | "d'") && out.last().is_some_and(|p| p.lw() == "km") {
        out.push(canonical(x, "from"));
        return Some(i + 1);
    }
    // "le nombre de militaires tués varie entre 8 et 9": the number of
    // the dead is a toll
    if lw == "nombre" && matches!(w(i + 1), "de" | "d'") {
        let noun = i + 2;
        let verb = noun + 1;
        if (people_noun(w(noun)) || lookup(w(noun)) == Some("dead") || w(noun) == "victimes")
            && (lookup(w(verb)) == Some("killed")
                || w(verb) == "morts"
                || lookup(w(noun)) == Some("dead"))
        {
            let last = if lookup(w(noun)) == Some("dead") {
                noun
            } else {
                verb
            };
            let mut y = canonical(x, "toll");
            y.end = t[last].end;
            out.push(y);
            return Some(last + 1);
        }
    }
    None
}

/// "du côté des assaillants", "et à 77", "neutralisé 80", "éléments des forces".
fn sides_and_forces<'a>(t: &[Token<'a>], i: usize, out: &mut Vec<Token<'a>>) -> Option<usize> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let x = &t[i];
    let lw = x.lw();
    // "77 du côté des assaillants": the side names the figure's people
    if lw == "du"
        && w(i + 1) == "côté"
        && matches!(w(i + 2), "des" | "de")
        && out.last().is_some_and(|p| p.kind == Kind::Num)
    {
        return Some(i + 3);
    }
    // "et à 77": the preposition before a further figure goes
    if lw == "à" && w(i.wrapping_sub(1)) == "et" && is_number(t.get(i + 1)) {
        return Some(i + 1);
    }
    // "neutralisé quatre-vingts (80)": the neutralised are attackers
    if lw.starts_with("neutralis") && is_number(t.get(i + 1)) {
        let after = w(i + 2);
        if !people_noun(after) && lookup(after).is_none_or(|c| c != "of") || after.is_empty() {
            out.push(canonical(x, lookup(lw).unwrap_or("neutralized")));
            let num = t[i + 1].clone();
            let mut a = tok(&num, "assailants");
            a.kind = Kind::Word;
            a.value = None;
            out.push(num);
            out.push(a);
            return Some(i + 2);
        }
    }
    // "éléments des forces de défense": security forces, not fighters
    if lw == "éléments"
        && matches!(w(i + 1), "des" | "de" | "du")
        && matches!(w(i + 2), "forces" | "l'" | "fds" | "armées")
    {
        out.push(canonical(x, "personnel"));
        return Some(i + 1);
    }
    None
}

/// nouns of people swallow the adjectives after them
fn people_noun_at<'a>(t: &[Token<'a>], i: usize, out: &mut Vec<Token<'a>>) -> Option<usize> {
    let n = t.len();
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let x = &t[i];
    let lw = x.lw();
    if !people_noun(lw) {
        return None;
    }
    let mut y = match lookup(lw) {
        Some(c) => canonical(x, c),
        None => x.clone(),
    };
    let mut k = i + 1;
    // "29 corps supplémentaires": an increment, a part of a toll
    if w(k) == "supplémentaires" && out.last().is_some_and(|p| p.kind == Kind::Num) {
        let num = out.pop().expect("checked");
        out.push(tok(&num, "including"));
        if let Some(inc) = out.last_mut() {
            inc.kind = Kind::Word;
            inc.value = None;
        }
        out.push(num);
    }
    loop {
        if k < n && t[k].kind == Kind::Word && ADJ_AFTER.contains(&t[k].lw()) {
            y.end = t[k].end;
            k += 1;
            continue;
        }
        // "des civils daoussahak avaient été abattus": a word the tables do
        // not know, in lowercase between the noun and its auxiliary, is the
        // people's name or an adjective of theirs
        if k + 1 < n
            && t[k].kind == Kind::Word
            && !t[k].cap
            && t[k].lw().chars().count() >= 4
            && lookup(t[k].lw()).is_none()
            && matches!(
                w(k + 1),
                "ont" | "avaient" | "sont" | "étaient" | "avait" | "furent" | "auraient"
            )
        {
            y.end = t[k].end;
            k += 1;
            continue;
        }
        // "de dix-huit nationalités", "de 5 à 17 ans", "du côté des
        // assaillants", "dans les rangs de l'armée": a complement
        if let Some(len) = complement_at(t, k) {
            y.end = t[k + len - 1].end;
            k += len;
            continue;
        }
        break;
    }
    out.push(y);
    Some(k)
}

/// `t` read as the canonical word `c` ("#20" is the number 20).
fn canonical<'a>(t: &Token<'a>, c: &'static str) -> Token<'a> {
    if let Some(v) = c.strip_prefix('#').and_then(|v| v.parse::<u64>().ok()) {
        return num_token(t, t.end, v);
    }
    let mut y = tok(t, c);
    // months and weekdays are capitalised in the rules' vocabulary
    if super::super::dates::month(c).is_some() || super::super::dates::weekday(c).is_some() {
        y.cap = true;
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokens;

    #[test]
    fn each_french_word_and_phrase_is_listed_once() {
        let mut words: Vec<&str> = WORDS.iter().map(|(f, _)| *f).collect();
        words.sort_unstable();
        let twice: Vec<_> = words.windows(2).filter(|w| w[0] == w[1]).collect();
        assert!(twice.is_empty(), "{twice:?}");
        let mut phrases: Vec<&[&str]> = PHRASES.iter().map(|(f, _)| *f).collect();
        phrases.sort_unstable();
        let twice: Vec<_> = phrases.windows(2).filter(|w| w[0] == w[1]).collect();
        assert!(twice.is_empty(), "{twice:?}");
    }

    fn norm(s: &str) -> Vec<String> {
        normalize(s, tokens(s, 0, s.len()))
            .into_iter()
            .map(|t| t.lower.into_owned())
            .collect()
    }

    fn value(s: &str) -> Option<u64> {
        let t = normalize(s, tokens(s, 0, s.len()));
        (t.len() == 1 && t[0].kind == Kind::Num)
            .then(|| t[0].value)
            .flatten()
    }

    #[test]
    fn numbers_in_letters() {
        assert_eq!(value("sept"), Some(7));
        assert_eq!(value("dix-sept"), Some(17));
        assert_eq!(value("vingt et un"), Some(21));
        assert_eq!(value("trente-et-une"), Some(31));
        assert_eq!(value("quarante-deux"), Some(42));
        assert_eq!(value("soixante et onze"), Some(71));
        assert_eq!(value("soixante-dix-huit"), Some(78));
        assert_eq!(value("quatre-vingts"), Some(80));
        assert_eq!(value("quatre-vingt-neuf"), Some(89));
        assert_eq!(value("quatre-vingt-dix-neuf"), Some(99));
        assert_eq!(value("cent cinq"), Some(105));
        assert_eq!(value("deux cents"), Some(200));
        assert_eq!(value("trois cent quarante"), Some(340));
        assert_eq!(value("mille"), Some(1000));
        assert_eq!(value("deux mille trois cents"), Some(2300));
        // a lone article is not one
        assert_eq!(norm("une embuscade"), ["a", "ambush"]);
        // two numbers side by side stay two
        assert_eq!(norm("cinq six").len(), 2);
    }

    #[test]
    fn digit_groups() {
        assert_eq!(value("1 200"), Some(1200));
        assert_eq!(value("4\u{a0}000"), Some(4000));
        assert_eq!(value("2\u{202f}500"), Some(2500));
        assert_eq!(value("1.200"), Some(1200));
        assert_eq!(value("1 200 000"), Some(1_200_000));
        // a year then a count are not one number
        assert_eq!(norm("en 2019 300 morts").len(), 4);
        // "le 1er mars": the ordinal suffix goes
        assert_eq!(norm("le 1er mars"), ["on", "1", "march"]);
    }

    #[test]
    fn elisions_keep_offsets() {
        let s = "l’attaque d'Arbinda";
        let t = normalize(s, tokens(s, 0, s.len()));
        let words: Vec<&str> = t.iter().map(|x| x.lw()).collect();
        assert_eq!(words, ["the", "attack", "of", "arbinda"]);
        assert_eq!(&s[t[1].start..t[1].end], "attaque");
        assert_eq!(&s[t[3].start..t[3].end], "Arbinda");
        assert!(t[3].cap);
    }

    #[test]
    fn approximate_and_vague() {
        assert_eq!(norm("une dizaine de civils"), ["10", "civilians"]);
        assert_eq!(norm("une vingtaine de soldats"), ["20", "soldiers"]);
        assert_eq!(norm("une trentaine de villageois"), ["30", "villagers"]);
        assert_eq!(norm("une centaine de personnes"), ["100", "people"]);
        assert_eq!(norm("des dizaines de morts"), ["dozens", "of", "dead"]);
        assert_eq!(norm("des centaines de morts"), ["hundreds", "of", "dead"]);
        assert_eq!(norm("plusieurs blessés"), ["several", "wounded"]);
        assert_eq!(norm("au moins 12"), ["at", "least", "12"]);
        assert_eq!(norm("plus de 100"), ["more", "than", "100"]);
        assert_eq!(norm("près de 40"), ["nearly", "40"]);
        assert_eq!(norm("environ 60"), ["about", "60"]);
        assert_eq!(norm("entre 40 et 85"), ["between", "40", "and", "85"]);
        assert_eq!(norm("de 40 à 85"), ["from", "40", "to", "85"]);
    }

    #[test]
    fn adjectives_after_people() {
        let s = "douze soldats maliens ont été tués";
        let t = normalize(s, tokens(s, 0, s.len()));
        let words: Vec<&str> = t.iter().map(|x| x.lw()).collect();
        assert_eq!(words, ["12", "soldiers", "have", "been", "killed"]);
        assert_eq!(&s[t[1].start..t[1].end], "soldats maliens");
    }

    #[test]
    fn dates_and_phrases() {
        assert_eq!(
            norm("dans la nuit du 22 au 23 mars"),
            ["in", "the", "night", "from", "22", "to", "23", "march"]
        );
        assert_eq!(norm("la semaine dernière"), ["last", "week"]);
        assert_eq!(norm("avant-hier"), ["day", "before", "yesterday"]);
        assert_eq!(norm("ce matin"), ["today"]);
        assert_eq!(
            norm("depuis le début de l'année"),
            ["since", "the", "start", "of", "this", "year"]
        );
        assert_eq!(norm("dont 11 enfants"), ["including", "11", "children"]);
        assert_eq!(norm("ont perdu la vie"), ["have", "died"]);
    }
}
