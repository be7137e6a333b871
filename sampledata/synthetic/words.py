"""Word lists and the small text generators of the synthetic conference.

Everything is made from these lists and a seeded `random.Random`, so the same
seed writes the same titles, abstracts and reviews, with nothing downloaded.
"""

import random

# (title, [topic questions]) of each panel; a conference with more panels reuses them.
PANEL_THEMES = [
    ("Security practices across borders", [
        "How do policing practices travel between countries of the Global South?",
        "What role do international organisations play in training security forces?",
        "How are surveillance technologies adopted, adapted or resisted?",
        "Which networks of experts shape counter-narcotics policy?",
        "How do militaries justify their domestic missions?",
        "What do local communities make of imported security models?",
        "How do private security firms operate across jurisdictions?",
        "Which histories of cooperation explain today's security partnerships?",
    ]),
    ("Climate, energy and the politics of transition", [
        "How do oil-producing states negotiate the energy transition?",
        "What explains the diffusion of carbon pricing in Latin America?",
        "How are lithium and copper reshaping regional diplomacy?",
        "Which coalitions block or enable climate legislation?",
        "How do cities act on climate when national governments do not?",
        "What is the place of indigenous territories in conservation policy?",
        "How are climate migrants protected, if at all?",
        "Which financial instruments reach adaptation projects?",
    ]),
    ("Democracy, courts and accountability", [
        "When do supreme courts check the executive?",
        "How do electoral bodies resist political pressure?",
        "What drives the rise of anti-corruption agencies?",
        "How do legislatures use impeachment?",
        "Which reforms made prosecutors independent, and how long did it last?",
        "How do citizens judge democratic backsliding?",
        "What explains compliance with international human rights rulings?",
        "How are transitional justice processes remembered?",
    ]),
    ("Trade, development and regional integration", [
        "Why do regional trade agreements stall?",
        "How do development banks choose their projects?",
        "What explains the persistence of informal labour markets?",
        "How does Chinese investment change bargaining in South America?",
        "Which industrial policies survived the commodity boom?",
        "How do remittances shape local politics?",
        "What do firms gain from export promotion agencies?",
    ]),
    ("Health, science and public policy", [
        "How did vaccination campaigns build or lose public trust?",
        "Which institutions coordinate health policy in federal states?",
        "How is scientific advice used in times of crisis?",
        "What explains the spread of conditional cash transfers?",
        "How do universities take part in policy making?",
        "Which data infrastructures support public health surveillance?",
    ]),
    ("Migration, citizenship and borders", [
        "How do transit countries manage migration flows?",
        "What explains the regularisation of undocumented migrants?",
        "How do diasporas vote from abroad?",
        "Which humanitarian visas work, and for whom?",
        "How are borders policed in remote regions?",
        "What role do churches and NGOs play in reception?",
        "How do host communities respond to sudden arrivals?",
    ]),
]

UNIVERSITIES = [
    ("Universidade de São Paulo", "BR"), ("Universidade Estadual de Campinas", "BR"),
    ("Universidade Federal do Rio de Janeiro", "BR"), ("Universidade Federal de Minas Gerais", "BR"),
    ("Universidade de Brasília", "BR"), ("Universidade Federal do Rio Grande do Sul", "BR"),
    ("Fundação Getulio Vargas", "BR"), ("Pontifícia Universidade Católica do Rio de Janeiro", "BR"),
    ("Universidad de Buenos Aires", "AR"), ("Universidad Torcuato Di Tella", "AR"),
    ("Universidad Nacional de Córdoba", "AR"), ("Universidad de Chile", "CL"),
    ("Pontificia Universidad Católica de Chile", "CL"), ("Universidad Nacional Autónoma de México", "MX"),
    ("El Colegio de México", "MX"), ("Centro de Investigación y Docencia Económicas", "MX"),
    ("Universidad de los Andes", "CO"), ("Universidad Nacional de Colombia", "CO"),
    ("Pontificia Universidad Católica del Perú", "PE"), ("Universidad de la República", "UY"),
    ("FLACSO Ecuador", "EC"), ("Universidad de Costa Rica", "CR"),
    ("Universidade de Lisboa", "PT"), ("Universidade de Coimbra", "PT"),
    ("Universidad Complutense de Madrid", "ES"), ("Universitat de Barcelona", "ES"),
    ("Sciences Po", "FR"), ("Université Paris 1 Panthéon-Sorbonne", "FR"),
    ("University of Oxford", "GB"), ("London School of Economics", "GB"), ("King's College London", "GB"),
    ("University of Toronto", "CA"), ("McGill University", "CA"),
    ("Columbia University", "US"), ("University of Texas at Austin", "US"), ("Georgetown University", "US"),
    ("University of California, San Diego", "US"), ("Freie Universität Berlin", "DE"),
    ("Leiden University", "NL"), ("University of Cape Town", "ZA"), ("University of Lagos", "NG"),
    ("Jawaharlal Nehru University", "IN"), ("Australian National University", "AU"),
    ("University of Tokyo", "JP"), ("Graduate Institute Geneva", "CH"),
]

TIME_ZONES = {
    "BR": "America/Sao_Paulo", "AR": "America/Argentina/Buenos_Aires", "CL": "America/Santiago",
    "MX": "America/Mexico_City", "CO": "America/Bogota", "PE": "America/Lima", "UY": "America/Montevideo",
    "EC": "America/Guayaquil", "CR": "America/Costa_Rica", "PT": "Europe/Lisbon", "ES": "Europe/Madrid",
    "FR": "Europe/Paris", "GB": "Europe/London", "CA": "America/Toronto", "US": "America/New_York",
    "DE": "Europe/Berlin", "NL": "Europe/Amsterdam", "ZA": "Africa/Johannesburg", "NG": "Africa/Lagos",
    "IN": "Asia/Kolkata", "AU": "Australia/Sydney", "JP": "Asia/Tokyo", "CH": "Europe/Zurich",
}
# The language an account in each country most likely reads the portal in.
USER_LANGUAGES = {"BR": "pt-br", "PT": "pt-br", "AR": "es", "CL": "es", "MX": "es", "CO": "es", "PE": "es",
                  "UY": "es", "EC": "es", "CR": "es", "ES": "es"}

FIRST_NAMES = [
    "Ana", "Beatriz", "Camila", "Daniela", "Fernanda", "Gabriela", "Helena", "Isabela", "Juliana", "Larissa",
    "Mariana", "Natália", "Paula", "Renata", "Sofía", "Valentina", "Lucía", "Martina", "Catalina", "Ximena",
    "Alice", "Claire", "Emma", "Hannah", "Priya", "Amara", "Yuki", "Ingrid", "Chiara", "Léa",
    "André", "Bruno", "Carlos", "Diego", "Eduardo", "Felipe", "Gustavo", "Henrique", "João", "Lucas",
    "Mateus", "Pedro", "Rafael", "Thiago", "Santiago", "Sebastián", "Joaquín", "Nicolás", "Andrés", "Tomás",
    "David", "James", "Oliver", "Samuel", "Arjun", "Kwame", "Hiroshi", "Lars", "Marco", "Julien",
]
LAST_NAMES = [
    "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
    "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Barbosa", "Moreira", "Nunes", "Cardoso", "Teixeira",
    "García", "Fernández", "González", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Díaz", "Herrera",
    "Castro", "Vargas", "Rojas", "Mendoza", "Torres", "Ramírez", "Flores", "Morales", "Ortiz", "Navarro",
    "Smith", "Brown", "Taylor", "Wilson", "Clarke", "Patel", "Okafor", "Tanaka", "Müller", "Dubois",
    "Rossi", "Jensen", "Nakamura", "Mensah", "Kowalski", "Novak", "Haddad", "Cohen", "Byrne", "Lindqvist",
]

NOUNS = [
    "policy diffusion", "state capacity", "security cooperation", "local governance", "regional integration",
    "institutional change", "public trust", "civil society", "border control", "police reform",
    "energy transition", "climate adaptation", "judicial independence", "electoral integrity",
    "foreign investment", "development finance", "migration governance", "public health", "social policy",
    "international norms", "expert networks", "transnational activism", "military missions", "accountability",
    "surveillance", "informal institutions", "federalism", "legislative bargaining", "human rights",
    "natural resources", "urban violence", "peacebuilding", "trade agreements", "fiscal decentralisation",
]
PLACES = [
    "Brazil", "Argentina", "Chile", "Mexico", "Colombia", "Peru", "Uruguay", "Ecuador", "Central America",
    "the Andean region", "the Southern Cone", "Latin America", "West Africa", "Southern Africa", "South Asia",
    "Southern Europe", "the Amazon basin", "Mercosur", "the Pacific Alliance", "Lusophone countries",
]
METHODS = [
    "process tracing", "a survey experiment", "panel data", "archival research", "interviews with officials",
    "a comparative case study", "network analysis", "text analysis of parliamentary debates",
    "a difference-in-differences design", "ethnographic fieldwork", "a regression discontinuity design",
    "an original dataset", "qualitative comparative analysis", "elite interviews", "a synthetic control",
]
ADJECTIVES = [
    "uneven", "contested", "incremental", "durable", "fragile", "hidden", "layered", "strategic", "selective",
    "reluctant", "hybrid", "partial", "unexpected", "persistent", "decentralised", "transnational",
]
VERBS = ["shapes", "constrains", "enables", "reshapes", "undermines", "sustains", "mediates", "explains"]

TITLE_PATTERNS = [
    "{Adj} {noun}: {noun2} in {place}",
    "How {noun} {verb} {noun2}: evidence from {place}",
    "The politics of {noun} in {place}",
    "Beyond {noun}? {Adj} {noun2} in {place}",
    "{Noun} and {noun2}: a comparative study of {place}",
    "When does {noun} matter? {Method} from {place}",
    "Who governs {noun}? {Adj} {noun2} in {place}",
]
ABSTRACT_SENTENCES = [
    "This paper examines how {noun} {verb} {noun2} in {place}.",
    "Drawing on {method}, we show that {noun} is {adj} rather than uniform.",
    "The literature on {noun} has paid little attention to {noun2}.",
    "We argue that {adj} {noun} {verb} the choices of governments and their partners.",
    "Our evidence comes from {method} covering two decades of {noun2}.",
    "The findings suggest that {noun} depends on {adj} coalitions within the state.",
    "We contrast the cases of {place} and {place2}, which differ in their {noun2}.",
    "A second part of the analysis uses {method} to test the mechanism.",
    "These results qualify the view that {noun} simply follows external pressure.",
    "We discuss what this means for research on {noun2} and for policy makers in {place}.",
    "The paper contributes to debates on {noun} by bringing in evidence from {place}.",
    "In contrast to earlier accounts, we find that {noun2} is {adj} and often {adj2}.",
]
REVIEW_SENTENCES = [
    "The paper addresses an important question about {noun} and is clearly relevant to the panel.",
    "The argument that {noun} {verb} {noun2} is interesting but needs stronger evidence.",
    "I would like the authors to explain how the cases of {place} were selected.",
    "The use of {method} is appropriate, although the sample seems small.",
    "The literature review misses recent work on {noun2}.",
    "The section on {noun} is the strongest part of the paper.",
    "Some claims about {place} are not supported by the sources cited.",
    "The writing is clear, but the conclusion repeats the introduction.",
    "A table summarising the {noun2} indicators would help the reader.",
    "The authors could discuss alternative explanations based on {noun}.",
    "I am not convinced that {method} can identify the mechanism described.",
    "Overall, this is a {adj} contribution that could be improved with a sharper framing.",
    "Please clarify the time period covered by the {noun} data.",
    "The comparison with {place2} is promising and deserves more space.",
]
CONFIDENTIAL_SENTENCES = [
    "I know this literature well and believe the paper is {adj} but publishable after revision.",
    "The paper may overlap with a recent working paper on {noun}.",
    "I would rank this paper in the middle of my batch.",
    "This could fit better in the panel on {noun2}.",
    "I am not an expert on {place}, so my confidence on the cases is limited.",
    "A strong paper; I would be glad to see it presented.",
]
DISCUSSION_SENTENCES = [
    "I read the other reviews: I agree that the evidence on {noun} is thin.",
    "I am more positive than the others; the case of {place} is new.",
    "Could we ask the authors to shorten the section on {noun2}?",
    "I lowered my score after reading the second review.",
    "This seems borderline to me; happy to follow the chairs.",
]
EXPERTISE_SENTENCES = [
    "I work on {noun} and {noun2}, mostly in {place}.",
    "My recent research uses {method} to study {noun}.",
    "I have published on {noun2} in {place} and {place2}.",
    "Before academia I worked on {noun} in a public agency.",
]
# Papers in Portuguese and Spanish: their own nouns and sentences.
NOUNS_BY_LANGUAGE = {  # feminine singular, as the sentences' articles want
    "pt": ["difusão de políticas", "capacidade estatal", "cooperação em segurança", "governança local",
           "integração regional", "reforma policial", "transição energética", "independência judicial",
           "política migratória", "saúde pública", "proteção ambiental", "participação cidadã"],
    "es": ["difusión de políticas", "capacidad estatal", "cooperación en seguridad", "gobernanza local",
           "integración regional", "reforma policial", "transición energética", "independencia judicial",
           "política migratoria", "salud pública", "protección ambiental", "participación ciudadana"],
}
PLACES_BY_LANGUAGE = {
    "pt": ["Brasil", "Argentina", "Chile", "México", "Colômbia", "Peru", "Uruguai", "Equador", "América Central",
           "América Latina", "Moçambique", "Angola"],
    "es": ["Brasil", "Argentina", "Chile", "México", "Colombia", "Perú", "Uruguay", "Ecuador", "Centroamérica",
           "América Latina", "la región andina", "el Cono Sur"],
}
SENTENCES_BY_LANGUAGE = {
    "pt": ["Este artigo examina como a {noun} afeta a {noun2} em {place}.",
           "Com base em entrevistas e documentos, mostramos que a {noun} é desigual.",
           "A literatura sobre {noun} deu pouca atenção à {noun2}.",
           "Argumentamos que a {noun} depende de coalizões dentro do Estado.",
           "Comparamos os casos de {place} e {place2} ao longo de duas décadas.",
           "Os resultados qualificam a ideia de que a {noun} segue a pressão externa.",
           "Discutimos as implicações para a pesquisa sobre {noun2} e para as políticas públicas."],
    "es": ["Este artículo examina cómo la {noun} afecta a la {noun2} en {place}.",
           "A partir de entrevistas y documentos, mostramos que la {noun} es desigual.",
           "La literatura sobre {noun} ha prestado poca atención a la {noun2}.",
           "Sostenemos que la {noun} depende de coaliciones dentro del Estado.",
           "Comparamos los casos de {place} y {place2} a lo largo de dos décadas.",
           "Los resultados matizan la idea de que la {noun} sigue la presión externa.",
           "Discutimos las implicaciones para la investigación sobre {noun2} y para las políticas públicas."],
}
TITLE_PATTERNS_BY_LANGUAGE = {
    "pt": ["A política da {noun} em {place}", "{Noun} e {noun2}: um estudo comparado de {place} e {place2}"],
    "es": ["La política de la {noun} en {place}", "{Noun} y {noun2}: un estudio comparado de {place} y {place2}"],
}
REASONS = ["former doctoral supervisor", "co-author in the last three years", "same research project",
           "personal relationship", "professional rivalry"]


class Writer:
    """Seeded text: titles, abstracts, review comments, a reviewer's expertise."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def _fill(self, pattern: str, language: str = "en") -> str:
        choice = self.rng.choice
        noun, noun2 = self.rng.sample(NOUNS_BY_LANGUAGE.get(language, NOUNS), 2)
        place, place2 = self.rng.sample(PLACES_BY_LANGUAGE.get(language, PLACES), 2)
        adj, adj2 = self.rng.sample(ADJECTIVES, 2)
        method = choice(METHODS)
        return pattern.format(
            noun=noun, noun2=noun2, Noun=noun.capitalize(), place=place, place2=place2, adj=adj, adj2=adj2,
            Adj=adj.capitalize(), verb=choice(VERBS), method=method, Method=method.capitalize(),
        )

    def title(self, language: str = "en") -> str:
        return self._fill(self.rng.choice(TITLE_PATTERNS_BY_LANGUAGE.get(language, TITLE_PATTERNS)), language)[:300]

    def paragraph(self, sentences: list[str], words: int, language: str = "en") -> str:
        parts, count, deck = [], 0, []
        while count < words:
            if not deck:  # every sentence once before any comes again
                deck = self.rng.sample(sentences, len(sentences))
            sentence = self._fill(deck.pop(), language)
            parts.append(sentence)
            count += sentence.count(" ") + 1
        return " ".join(parts)

    def abstract(self, language: str = "en") -> str:
        """150 to 300 words (the panel's default bounds are 50 to 300) in the paper's language."""
        sentences = SENTENCES_BY_LANGUAGE.get(language, ABSTRACT_SENTENCES)
        text = self.paragraph(sentences, self.rng.randint(150, 280), language)
        words = text.split()
        return " ".join(words[:300])

    def keywords(self, language: str = "en", low: int = 3, high: int = 6) -> list[str]:
        return self.rng.sample(NOUNS_BY_LANGUAGE.get(language, NOUNS), self.rng.randint(low, high))

    def comments_to_authors(self) -> str:
        return "\n\n".join(self.paragraph(REVIEW_SENTENCES, self.rng.randint(40, 110))
                           for _ in range(self.rng.randint(2, 3)))

    def confidential_comments(self) -> str:
        return self.paragraph(CONFIDENTIAL_SENTENCES, self.rng.randint(15, 60)) if self.rng.random() < 0.6 else ""

    def discussion(self) -> str:
        return self.paragraph(DISCUSSION_SENTENCES, self.rng.randint(15, 50))

    def expertise(self) -> str:
        return self.paragraph(EXPERTISE_SENTENCES, self.rng.randint(30, 80))

    def person_name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
