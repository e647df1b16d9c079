# Portico en français. Ce qui manque ici s'affiche en anglais.

## Le cadre de chaque page
layout-skip = Aller au contenu
layout-dev-banner = Mode développement : pas pour de vrais comptes.
layout-dev-all-outbox = Les codes et les messages arrivent dans la <a href="/dev/outbox">boîte d'envoi de développement</a>.
layout-dev-email-outbox = Les e-mails arrivent dans la <a href="/dev/outbox">boîte d'envoi de développement</a> ; les SMS partent par Twilio.
layout-dev-sms-outbox = Les e-mails partent par le serveur SMTP ; les SMS arrivent dans la <a href="/dev/outbox">boîte d'envoi de développement</a>.
layout-dev-none-outbox = Les e-mails partent par le serveur SMTP et les SMS par Twilio.
layout-account-nav = Compte
layout-elevated = { $minutes ->
    [one] Vous avez confirmé votre identité : les modifications sensibles ne demandent pas de mot de passe pendant encore { $minutes } minute.
   *[other] Vous avez confirmé votre identité : les modifications sensibles ne demandent pas de mot de passe pendant encore { $minutes } minutes.
}
layout-footer-tagline = Portico — votre compte, vos appareils.
layout-footer-nav = Pied de page
layout-footer-status = État du service
layout-language = Langue
layout-sign-in = Se connecter

## La page d'accueil
landing-title = Votre compte, en un seul endroit
landing-lead = Connectez-vous avec n'importe laquelle de vos adresses e-mail ou de vos numéros de téléphone, tenez-les à jour, passez d'un compte à l'autre et retrouvez les PC et les licences liés à votre compte.
landing-go-to-account = Accéder à votre compte
landing-another-account = Se connecter avec un autre compte
landing-sign-in = Se connecter
landing-create = Créer un compte
landing-features = Ce que vous pouvez faire
landing-info-title = Vos informations
landing-info-text = Ajoutez une adresse e-mail ou un numéro de téléphone, vérifiez-les avec un code et choisissez ceux qui servent à vous connecter.
landing-accounts-title = Plusieurs comptes
landing-accounts-text = Restez connecté à vos comptes professionnel et personnel en même temps, et passez de l'un à l'autre depuis le menu.
landing-devices-title = Appareils et licences
landing-devices-text = Liez un PC, consultez son état d'activation et transférez une licence numérique après un changement de matériel.

## Se connecter
signin-title = Se connecter
signin-address = Adresse e-mail ou numéro de téléphone
signin-password = Mot de passe
signin-keep = Rester connecté
signin-submit = Se connecter
signin-code-instead = M'envoyer plutôt un code par e-mail ou SMS
signin-passkey = Se connecter avec une clé d'accès
signin-other-ways = Autres façons de se connecter
signin-with-provider = Se connecter avec { $provider }
signin-forgot = Mot de passe oublié ?
signin-no-account = Pas de compte ?
signin-create = En créer un
region-label = Pays, pour un numéro sans l'indicatif +
region-none = Aucun : je saisis l'indicatif + du pays

## Créer un compte
signup-title = Créer votre compte
signup-lead = Nous envoyons un code à votre adresse e-mail ou à votre téléphone pour vérifier qu'ils sont bien à vous.
signup-check-form = Veuillez vérifier le formulaire :
signup-name = Votre nom
signup-address = Adresse e-mail ou numéro de téléphone
signup-address-hint = Pour un numéro de téléphone, commencez par + et l'indicatif du pays, par exemple +33 6 12 34 56 78, ou choisissez son pays ci-dessous.
signup-use-passkey = Créer une clé d'accès au lieu d'un mot de passe
signup-use-passkey-hint = Connectez-vous avec le visage, l'empreinte digitale ou le verrouillage d'écran de cet appareil. Vous créerez la clé d'accès juste après le code ; laissez le mot de passe vide.
signup-password = Mot de passe
signup-password-hint = Au moins 8 caractères. Quelques mots sans rapport entre eux font un mot de passe solide.
signup-next = Suivant
signup-have-account = Vous avez déjà un compte ?
signup-sign-in = Se connecter

## Times and waits (crate::text)
time-just-now = à l’instant
time-minutes-ago = { $n ->
    [one] il y a 1 minute
   *[other] il y a { $n } minutes
}
time-hours-ago = { $n ->
    [one] il y a 1 heure
   *[other] il y a { $n } heures
}
time-days-ago = { $n ->
    [one] il y a 1 jour
   *[other] il y a { $n } jours
}
wait-seconds = { $n ->
    [one] 1 seconde
   *[other] { $n } secondes
}
wait-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}
wait-hours = { $n ->
    [one] 1 heure
   *[other] { $n } heures
}
