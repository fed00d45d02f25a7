"""Demo content for the #NoTechForICE student pledge campaign.

Pure data: no Django imports. Loaded by the demo seeding code to build one
campaign, its contracts, timeline, institutions, live campus pledges and
resources.
"""

import datetime
from decimal import Decimal

UTC = datetime.UTC


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


INSTITUTIONS = [
    dict(
        name="University of Cambridge",
        short_name="Cambridge",
        country="GB",
        domains=["cam.ac.uk"],
        city="Cambridge",
        latitude=52.2054,
        longitude=0.1172,
    ),
    dict(
        name="University of Edinburgh",
        short_name="Edinburgh",
        country="GB",
        domains=["ed.ac.uk"],
        city="Edinburgh",
        latitude=55.9445,
        longitude=-3.1892,
    ),
    dict(
        name="University of California, Berkeley",
        short_name="UC Berkeley",
        country="US",
        domains=["berkeley.edu"],
        city="Berkeley",
        latitude=37.8719,
        longitude=-122.2585,
    ),
    dict(
        name="Stanford University",
        short_name="Stanford",
        country="US",
        domains=["stanford.edu"],
        city="Stanford",
        latitude=37.4275,
        longitude=-122.1697,
    ),
    dict(
        name="Yale University",
        short_name="Yale",
        country="US",
        domains=["yale.edu"],
        city="New Haven",
        latitude=41.3163,
        longitude=-72.9223,
    ),
    dict(
        name="University of Chicago",
        short_name="UChicago",
        country="US",
        domains=["uchicago.edu"],
        city="Chicago",
        latitude=41.7886,
        longitude=-87.5987,
    ),
    dict(
        name="Brown University",
        short_name="Brown",
        country="US",
        domains=["brown.edu"],
        city="Providence",
        latitude=41.8268,
        longitude=-71.4025,
    ),
    dict(
        name="Georgia Institute of Technology",
        short_name="Georgia Tech",
        country="US",
        domains=["gatech.edu"],
        city="Atlanta",
        latitude=33.7756,
        longitude=-84.3963,
    ),
    dict(
        name="Massachusetts Institute of Technology",
        short_name="MIT",
        country="US",
        domains=["mit.edu"],
        city="Cambridge",
        latitude=42.3601,
        longitude=-71.0942,
    ),
    dict(
        name="Harvard University",
        short_name="Harvard",
        country="US",
        domains=["harvard.edu"],
        city="Cambridge",
        latitude=42.3770,
        longitude=-71.1167,
    ),
    dict(
        name="Columbia University",
        short_name="Columbia",
        country="US",
        domains=["columbia.edu"],
        city="New York",
        latitude=40.8075,
        longitude=-73.9626,
    ),
    dict(
        name="University of California, Los Angeles",
        short_name="UCLA",
        country="US",
        domains=["ucla.edu"],
        city="Los Angeles",
        latitude=34.0689,
        longitude=-118.4452,
    ),
    dict(
        name="University of Washington",
        short_name="UW",
        country="US",
        domains=["uw.edu", "washington.edu"],
        city="Seattle",
        latitude=47.6553,
        longitude=-122.3035,
    ),
    dict(
        name="Carnegie Mellon University",
        short_name="CMU",
        country="US",
        domains=["cmu.edu"],
        city="Pittsburgh",
        latitude=40.4433,
        longitude=-79.9436,
    ),
    dict(
        name="University of Oxford",
        short_name="Oxford",
        country="GB",
        domains=["ox.ac.uk"],
        city="Oxford",
        latitude=51.7534,
        longitude=-1.2540,
    ),
    dict(
        name="University College London",
        short_name="UCL",
        country="GB",
        domains=["ucl.ac.uk"],
        city="London",
        latitude=51.5246,
        longitude=-0.1340,
    ),
]


PLEDGES = {
    "University of Cambridge": dict(
        demo_signers=57,
        organizer_posts=[
            dict(
                at=datetime.datetime(2019, 11, 2, 16, 52, 38, tzinfo=UTC),
                title="We protested Palantir's talk in Computer Science",
                body=(
                    "On Monday, senior Palantir staff gave a talk on privacy, "
                    "civil liberties and machine learning at the Department "
                    "of Computer Science and Technology, and we were there to "
                    "protest it.\n\n"
                    "Palantir pays into the department through the student "
                    "prizes it sponsors and the annual fee for its place in "
                    "the Supporters' Club. Students and members of staff have "
                    "both spoken out against the department letting the "
                    "company use it to recruit.\n\n"
                    "We are asking the university to cut these ties. Varsity "
                    "has the full report."
                ),
                link="https://www.varsity.co.uk/news/18129",
            ),
        ],
    ),
    "University of Edinburgh": dict(
        demo_signers=23,
        organizer_posts=[
            dict(
                at=datetime.datetime(2019, 11, 20, 13, 0, tzinfo=UTC),
                title="One week until the FALCON renewal",
                body=(
                    "Palantir's FALCON contract with ICE is up for renewal on "
                    "27 November. Between now and then, please ask one friend "
                    "on your course to read the pledge and sign it. Every "
                    "name we add makes the message harder to ignore."
                ),
                link="",
            ),
        ],
    ),
    "University of California, Berkeley": dict(
        demo_signers=124,
        organizer_posts=[
            dict(
                at=datetime.datetime(2019, 9, 17, 18, 30, tzinfo=UTC),
                title="ICM renewal is this Friday",
                body=(
                    "Palantir's ICM contract with ICE comes up for renewal on "
                    "Friday, 20 September. The company can still let it "
                    "lapse. If you have not signed yet, now is the time, and "
                    "please share this page with your lab, your study group "
                    "and your housemates."
                ),
                link="",
            ),
        ],
    ),
    "Stanford University": dict(
        demo_signers=88,
        organizer_posts=[
            dict(
                at=datetime.datetime(2019, 10, 8, 17, 15, tzinfo=UTC),
                title="Careers fair season",
                body=(
                    "Recruiters are back on campus this month. If Palantir "
                    "approaches you at a fair or an info session, tell them "
                    "you have signed this pledge and why. Then reply to our "
                    "update email and let us know how it went."
                ),
                link="",
            ),
        ],
    ),
    "Yale University": dict(demo_signers=48, organizer_posts=[]),
    "University of Chicago": dict(demo_signers=31, organizer_posts=[]),
    "Brown University": dict(demo_signers=64, organizer_posts=[]),
    "Georgia Institute of Technology": dict(demo_signers=12, organizer_posts=[]),
    "Massachusetts Institute of Technology": dict(demo_signers=61, organizer_posts=[]),
    "Harvard University": dict(demo_signers=42, organizer_posts=[]),
    "Columbia University": dict(demo_signers=27, organizer_posts=[]),
    "University of California, Los Angeles": dict(demo_signers=35, organizer_posts=[]),
    "University of Washington": dict(demo_signers=19, organizer_posts=[]),
    "Carnegie Mellon University": dict(demo_signers=8, organizer_posts=[]),
    "University of Oxford": dict(demo_signers=15, organizer_posts=[]),
    "University College London": dict(demo_signers=3, organizer_posts=[]),
}


DEMO_FIRST_NAMES = [
    "Amara",
    "Ben",
    "Carmen",
    "Daniel",
    "Elif",
    "Farah",
    "Gabriel",
    "Hana",
    "Ibrahim",
    "Jasmine",
    "Kofi",
    "Lucia",
    "Mateo",
    "Nadia",
    "Oliver",
    "Priya",
    "Quinn",
    "Rosa",
    "Samuel",
    "Tariq",
    "Uma",
    "Victor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Aisha",
    "Bruno",
    "Chloe",
    "Dmitri",
    "Esther",
    "Felipe",
    "Grace",
    "Hugo",
    "Imani",
    "Jonah",
    "Keiko",
    "Leon",
    "Maya",
    "Noah",
    "Olga",
    "Pablo",
    "Rania",
    "Sofia",
    "Tomas",
    "Valeria",
    "William",
    "Yara",
    "Zain",
    "Adele",
    "Caleb",
    "Dalia",
    "Emeka",
    "Freya",
    "Guillermo",
    "Hiroshi",
    "Ines",
    "Javier",
    "Leila",
    "Marcus",
]

DEMO_LAST_NAMES = [
    "Abbott",
    "Adeyemi",
    "Alvarez",
    "Andersen",
    "Banerjee",
    "Bauer",
    "Brennan",
    "Campbell",
    "Castillo",
    "Chen",
    "Costa",
    "Dubois",
    "Eriksson",
    "Fernandes",
    "Fitzgerald",
    "Garcia",
    "Goldberg",
    "Haddad",
    "Hernandez",
    "Hoang",
    "Ibarra",
    "Ito",
    "Jensen",
    "Kaur",
    "Kim",
    "Kowalski",
    "Lindqvist",
    "Lopez",
    "Mahlangu",
    "Mendoza",
    "Moreau",
    "Murphy",
    "Nakamura",
    "Novak",
    "Nwosu",
    "Okafor",
    "Olsen",
    "Ortiz",
    "Park",
    "Patel",
    "Petrov",
    "Quintero",
    "Ramirez",
    "Reyes",
    "Rossi",
    "Sato",
    "Schmidt",
    "Shapiro",
    "Silva",
    "Singh",
    "Suleiman",
    "Tanaka",
    "Torres",
    "Usman",
    "Vargas",
    "Walsh",
    "Wong",
    "Yilmaz",
    "Zhang",
    "Zimmerman",
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


# A day of action for the demo, written for it (the date is set when the demo is loaded, a
# few weeks ahead, so that the RSVP form, its mail and its reminder can be tried).
ACTION_DAY = dict(
    title="Cross-campus day of action",
    slug="cross-campus-day-of-action",
    description=(
        "On one day, students on both sides of the Atlantic hold their own action at their "
        "own campus: a stall outside the careers fair, a teach-in, a letter delivered to "
        "the careers service. Find the one nearest you, say you're coming, and bring a "
        "friend."
    ),
)
# Local times, on each campus's own clock.
LOCAL_ACTIONS = {
    "University of Cambridge": dict(
        title="Teach-in on data, policing and migration",
        location="Lecture Theatre 1, William Gates Building, JJ Thomson Avenue",
        start="13:00",
        end="15:00",
        accessibility="Step-free entrance from the car park side; hearing loop in the room.",
        capacity=120,
    ),
    "University of Edinburgh": dict(
        title="Stall and open letter at the careers service",
        location="Outside the Careers Service, Main Library, George Square",
        start="11:00",
        end="14:00",
        accessibility="Outdoors on level paving; the library foyer is step-free.",
        capacity=None,
    ),
    "Yale University": dict(
        title="Rally and letter delivery",
        location="Cross Campus lawn, then the Office of Career Strategy",
        start="12:00",
        end="13:30",
        accessibility="Outdoor, on grass and paths; about ten minutes' walk between the two.",
        capacity=None,
    ),
    "University of California, Berkeley": dict(
        title="Teach-in and pledge drive",
        location="Sproul Plaza, by the steps of Sproul Hall",
        start="12:00",
        end="14:00",
        accessibility="Outdoor plaza, step-free from Bancroft Way.",
        capacity=200,
    ),
    "Brown University": dict(
        title="Careers fair stall",
        location="Outside Sayles Hall, the Main Green",
        start="10:00",
        end="13:00",
        accessibility="",
        capacity=None,
    ),
}
