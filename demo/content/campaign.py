"""The demo campaign itself: its texts (in English and Spanish), contracts, timeline and
resources.

Pure data: no Django imports.
"""

import datetime
from decimal import Decimal

CAMPAIGN = dict(
    slug="notechforice",
    title="#NoTechForICE: students won't work for Palantir while it works with ICE",
    hashtag="#NoTechForICE",
    # The campaign's own reported reach: more than 3,000 students at more than 35 campuses.
    goal_signatures=3000,
    goal_campuses=35,
    summary=(
        "Students and academics on campuses across the US and the UK are "
        "refusing to apply for, interview for or accept jobs at Palantir until "
        "it stops building software for ICE. Find your campus and add your name."
    ),
    pledge_text=(
        "We pledge not to work for Palantir Technologies for as long as it "
        "does business with U.S. Immigration and Customs Enforcement. Until "
        "those contracts end, none of us will send Palantir an application, "
        "sit one of its interviews or take one of its offers.\n\n"
        "We ask Palantir to cancel its ICE contracts. And we ask every "
        "student whose skills the company wants to keep those skills out of "
        "its reach until it does."
    ),
    why_it_matters=(
        "Palantir sells two pieces of software to U.S. Immigration and Customs "
        "Enforcement. Together its two active ICE contracts are worth about "
        "$92 million. Both come up for renewal this autumn, so the company has "
        "a clear chance to walk away: Investigative Case Management (ICM) on "
        "20 September 2019, and FALCON on 27 November 2019."
        "\n\n"
        "ICM is the system ICE investigators use to build their cases, and "
        "government records describe the agency as depending on it. At the "
        "border it was used to look into the relatives and sponsors of "
        "children who had made the crossing on their own, in an operation "
        "meant to deter those children from reaching family in the United "
        "States. In 90 days that "
        "operation led to at least 443 arrests."
        "\n\n"
        "FALCON is what agents carry into workplace raids. Those raids went up "
        "by 650% in the first year of the Trump administration. When ICE swept "
        "7-Eleven stores around the country, every agent was told to put the "
        "FALCON app on their phone. In Mississippi in August 2019, about 680 "
        "people were detained in one day, just as many of their children were "
        "starting the new school year. Some of those children came home to an "
        "empty house. At least two were on their own for eight days because "
        "both parents were being held."
        "\n\n"
        "Palantir's own employees, academics, and Latinx and Jewish community "
        "groups have already asked the company to end these contracts. Its "
        "leadership has so far decided that staying close to the government "
        "matters more than the harm its software does."
        "\n\n"
        "Pressure is working. In June 2019, after hundreds of academics "
        "objected, UC Berkeley's Privacy Law Scholars Conference dropped "
        "Palantir as a sponsor. In August, Lesbians Who Tech removed Palantir "
        "from its yearly conference, and within the week the Grace Hopper "
        "Celebration, the biggest gathering of women in computing anywhere, "
        "did the same."
        "\n\n"
        "Palantir needs graduates, and it looks for them on our campuses: at "
        "careers fairs, in sponsored talks, through prizes and scholarships. "
        "That gives us leverage. Wherever the company comes to recruit, we "
        "will be there too. We will turn up at careers fairs where it has a "
        "stand, answer its speakers when they visit, and ask our universities "
        "to stop taking its sponsorship money."
        "\n\n"
        "If you study or teach here, sign the pledge. Software like FALCON and "
        "ICM is written by people, and many of them come straight from "
        "universities like ours. If enough of us say no, Palantir will have to "
        "choose between its ICE contracts and the people it wants to hire."
    ),
    target_line_template="To: {institution} students and academics",
    target_name="Palantir Technologies",
    target_url="https://www.palantir.com/",
)

# The same campaign texts in Spanish, for /es/ pages and Spanish e-mails.
CAMPAIGN_ES = dict(
    title_es="#NoTechForICE: estudiantes que no trabajarán para Palantir mientras trabaje con ICE",
    summary_es=(
        "Estudiantes y académicos de campus de Estados Unidos y el Reino Unido se niegan a "
        "postularse, hacer entrevistas o aceptar trabajos en Palantir hasta que deje de "
        "hacer software para ICE. Busca tu campus y suma tu nombre."
    ),
    pledge_text_es=(
        "Nos comprometemos a no trabajar para Palantir Technologies mientras haga negocios "
        "con el Servicio de Inmigración y Control de Aduanas de EE. UU. (ICE). Hasta que "
        "esos contratos terminen, ninguno de nosotros le enviará una solicitud a Palantir, "
        "hará una de sus entrevistas ni aceptará una de sus ofertas.\n\n"
        "Le pedimos a Palantir que cancele sus contratos con ICE. Y le pedimos a cada "
        "estudiante cuyas habilidades quiere la empresa que las mantenga fuera de su "
        "alcance hasta que lo haga."
    ),
    why_it_matters_es=(
        "Palantir le vende dos programas a ICE. Juntos, sus dos contratos activos con la "
        "agencia valen unos 92 millones de dólares. Los dos se renuevan este otoño, así que "
        "la empresa tiene una oportunidad clara de retirarse: Investigative Case Management "
        "(ICM) el 20 de septiembre de 2019 y FALCON el 27 de noviembre de 2019."
        "\n\n"
        "ICM es el sistema con el que los investigadores de ICE arman sus casos, y los "
        "registros del gobierno dicen que la agencia depende de él. En la frontera se usó "
        "para investigar a familiares y patrocinadores de niños que habían cruzado solos, "
        "en una operación pensada para disuadir a esos niños de reunirse con su familia en "
        "Estados Unidos. En 90 días, esa operación terminó en al menos 443 arrestos."
        "\n\n"
        "FALCON es lo que llevan los agentes a las redadas en lugares de trabajo, que "
        "aumentaron un 650 % en el primer año del gobierno de Trump. Cuando ICE hizo "
        "redadas en tiendas 7-Eleven de todo el país, a cada agente se le pidió instalar "
        "la app FALCON en su teléfono. En Mississippi, en agosto de 2019, unas 680 personas "
        "fueron detenidas en un solo día, justo cuando muchos de sus hijos empezaban el "
        "nuevo año escolar. Algunos de esos niños volvieron a una casa vacía. Al menos dos "
        "pasaron ocho días solos porque sus dos padres estaban detenidos."
        "\n\n"
        "Empleados de la propia Palantir, académicos y organizaciones latinas y judías ya le "
        "pidieron a la empresa que termine estos contratos. Hasta ahora, su dirección ha "
        "decidido que estar cerca del gobierno importa más que el daño que hace su software."
        "\n\n"
        "La presión funciona. En junio de 2019, después de que cientos de académicos "
        "protestaran, la Privacy Law Scholars Conference de UC Berkeley dejó a Palantir "
        "como patrocinador. En agosto, Lesbians Who Tech sacó a Palantir de su conferencia "
        "anual y, esa misma semana, la Grace Hopper Celebration, el mayor encuentro de "
        "mujeres en computación del mundo, hizo lo mismo."
        "\n\n"
        "Palantir necesita egresados y los busca en nuestros campus: en ferias de empleo, "
        "en charlas patrocinadas, con premios y becas. Eso nos da poder. Donde la empresa "
        "venga a reclutar, ahí vamos a estar. Iremos a las ferias de empleo donde tenga un "
        "stand, les responderemos a sus oradores cuando vengan y les pediremos a nuestras "
        "universidades que dejen de aceptar su dinero de patrocinio."
        "\n\n"
        "Si estudias o das clases aquí, firma el compromiso. Programas como FALCON e ICM "
        "los escribe gente, y mucha de esa gente sale directo de universidades como la "
        "nuestra. Si somos suficientes los que decimos que no, Palantir tendrá que elegir "
        "entre sus contratos con ICE y la gente que quiere contratar."
    ),
)
TARGET_LINE_ES = "Para: estudiantes y académicos de {institution}"


CONTRACTS = [
    dict(
        agency="U.S. Immigration and Customs Enforcement (ICE)",
        programme="Investigative Case Management (ICM)",
        value=Decimal("53000000"),
        currency="USD",
        start=None,
        renewal=datetime.date(2019, 9, 20),
        source_url="",
        notes=(
            "Case management software that ICE investigators use to build "
            "cases. It was used to investigate sponsors and relatives of "
            "children who made the crossing on their own, an operation that led to "
            "at least 443 arrests in 90 days. Reporting describes two active "
            "ICE contracts worth $92 million together, one of $39 million and "
            "one of $53 million. The $39 million contract is reported as "
            "paying for FALCON operations and maintenance, so the $53 million "
            "figure is shown here for ICM; the sources do not state this "
            "directly. Start date not given in the sources; Palantir has "
            "supplied software to ICE since 2014."
        ),
    ),
    dict(
        agency="U.S. Immigration and Customs Enforcement (ICE)",
        programme="FALCON",
        value=Decimal("39000000"),
        currency="USD",
        start=datetime.date(2015, 1, 1),
        renewal=datetime.date(2019, 11, 27),
        source_url="",
        notes=(
            "Data system that merges records from the FBI, the Department of "
            "Homeland Security and elsewhere into profiles of people, with a "
            "mobile app that agents use during workplace raids. "
            "ICE first paid for FALCON in 2013. A $39 million contract that "
            "began in 2015 (only the year is reported, so the start date is "
            "approximate) covered FALCON operations and maintenance. Part of "
            "two contracts worth $92 million together."
        ),
    ),
]


TIMELINE = [
    dict(
        date=datetime.date(2018, 6, 29),
        title="Rally at ICE's New York offices",
        body=(
            "Protesters gather near the ICE offices at Federal Plaza in New "
            "York City to oppose the agency and the administration's "
            "immigration policies."
        ),
        link="",
    ),
    dict(
        date=datetime.date(2018, 8, 1),
        title="Letter taped to Palantir's door in Palo Alto",
        body=(
            "Fourteen community, labour and tech worker groups protest outside "
            "Palantir's headquarters and read an open letter asking its CEO "
            "and staff to end the ICE contracts. Nobody inside will open the "
            "door, so they tape the letter to it."
        ),
        link="",
    ),
    dict(
        date=datetime.date(2018, 9, 1),
        title="A cage at Burning Man",
        body=(
            "Campaigners bring a cage to Burning Man so that tech workers at "
            "the festival remember the migrants harmed by software their "
            "industry builds."
        ),
        link="",
    ),
    dict(
        date=datetime.date(2018, 9, 1),
        title="Cage parade through Dreamforce",
        body=(
            "Protesters carry a giant cage through Salesforce's annual "
            "conference in San Francisco over the company's work for "
            "Customs and Border Protection."
        ),
        link="",
    ),
    dict(
        date=datetime.date(2018, 10, 1),
        title="Report maps the tech companies behind ICE",
        body=(
            "A new report names the technology firms whose products keep the "
            "deportation system running, most of them out of public view."
        ),
        link="",
    ),
    dict(
        date=datetime.date(2018, 10, 31),
        title="Halloween protest at Amazon in Seattle",
        body=(
            "Dozens of people in Jeff Bezos masks protest at Amazon's "
            "headquarters against its attempt to sell facial recognition to "
            "ICE."
        ),
        link="",
    ),
    dict(
        date=datetime.date(2019, 5, 1),
        title="Tech workers fill Palantir's GitHub",
        body=(
            "Dozens of developers post messages to Palantir's public GitHub "
            "repository asking the company to stop working for ICE."
        ),
        link="",
    ),
    dict(
        date=datetime.date(2019, 5, 1),
        title="Protests at Palantir offices in three cities",
        body=(
            "People rally outside Palantir's offices in Washington, D.C., New "
            "York City and Palo Alto, demanding it drop its ICE contract."
        ),
        link="",
    ),
    dict(
        date=datetime.date(2019, 6, 1),
        title="Berkeley privacy conference drops Palantir",
        body=(
            "A letter signed by hundreds of academics objects to Palantir "
            "sponsoring UC Berkeley's Privacy Law Scholars Conference. The "
            "conference drops the sponsorship."
        ),
        link="",
    ),
    dict(
        date=datetime.date(2019, 8, 1),
        title="Report on Palantir's role in immigration enforcement",
        body=(
            "A new report sets out how Palantir's tools power the "
            "administration's immigration crackdown, and how closely the "
            "company is tied to administration officials."
        ),
        link="",
    ),
    dict(
        date=datetime.date(2019, 8, 1),
        title="Lesbians Who Tech and Grace Hopper drop Palantir",
        body=(
            "Lesbians Who Tech cuts Palantir from the sponsors of its yearly "
            "conference over its immigration work. Within days the Grace "
            "Hopper Celebration does the same."
        ),
        link="",
    ),
    dict(
        date=datetime.date(2019, 8, 1),
        title="Hundreds protest at Palantir headquarters",
        body=(
            "The Coalition to Close the Camps: Bay Area holds a series of "
            "direct actions in Palo Alto, with banners and a cage "
            "installation, and takes the protest to CEO Alex Karp's home."
        ),
        link="",
    ),
    dict(
        date=datetime.date(2019, 9, 1),
        title="3,000 student pledges on 36 campuses",
        body=(
            "Student organizers on 36 campuses pass 3,000 signatures from "
            "students who refuse to work for Palantir as long as it serves "
            "ICE."
        ),
        link="",
    ),
    dict(
        date=datetime.date(2019, 10, 1),
        title="Palantir linked to the Mississippi raids",
        body=(
            "Campaigners show that Palantir software was used in the August "
            "raids in Mississippi, the biggest immigration raid ever carried "
            "out in a single state."
        ),
        link="",
    ),
    dict(
        date=datetime.date(2019, 10, 1),
        title="Musicians say no to ICE",
        body=(
            "Over 1,000 musicians put their names to an open letter against Amazon's "
            "role in running ICE's digital systems."
        ),
        link="",
    ),
    dict(
        date=datetime.date(2019, 10, 28),
        title="Cambridge students protest a Palantir talk",
        body=(
            "Students protest a talk on privacy, civil liberties and machine "
            "learning given by senior Palantir staff at Cambridge's "
            "Department of Computer Science and Technology."
        ),
        link="https://www.varsity.co.uk/news/18129",
    ),
    dict(
        date=datetime.date(2019, 11, 1),
        title="Legal professionals challenge Thomson Reuters and RELX",
        body=(
            "More than 1,200 lawyers, law students, academics and others in "
            "the legal field sign an open letter against the two companies' "
            "contracts with ICE."
        ),
        link="",
    ),
    dict(
        date=datetime.date(2019, 11, 1),
        title="A cage outside GitHub's conference",
        body=(
            "Tech Workers Coalition members set up a giant cage outside "
            "GitHub's annual conference in San Francisco. More than 150 "
            "GitHub employees have signed a letter against its ICE contract, "
            "and several have quit over it."
        ),
        link="",
    ),
]


RESOURCES = [
    dict(
        title="Varsity: Cambridge students protest a Palantir talk",
        url="https://www.varsity.co.uk/news/18129",
        description=(
            "Student newspaper report on the protest at the Department of "
            "Computer Science and Technology, and on the money Palantir puts "
            "into the department."
        ),
    ),
    dict(
        title="Organizing guide for campus pledges",
        url="",
        description=(
            "How to launch a pledge on your campus, find other organizers, "
            "set up a stall at a careers fair and keep signers informed."
        ),
    ),
    dict(
        title="Palantir's ICE contracts: the facts",
        url="",
        description=(
            "What ICM and FALCON do, what the contracts are worth and when "
            "they come up for renewal, in one page you can print or share."
        ),
    ),
    dict(
        title="Talking to your department about sponsorship",
        url="",
        description=(
            "Points to raise with staff and administrators when a company "
            "that works for ICE sponsors prizes, talks or careers events."
        ),
    ),
]
