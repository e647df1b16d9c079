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
time-at = { $day } { $month ->
    [1] janv.
    [2] févr.
    [3] mars
    [4] avril
    [5] mai
    [6] juin
    [7] juil.
    [8] août
    [9] sept.
    [10] oct.
    [11] nov.
   *[12] déc.
 } { $year }, { $time } { $zone }
time-day = { $day } { $month ->
    [1] janvier
    [2] février
    [3] mars
    [4] avril
    [5] mai
    [6] juin
    [7] juillet
    [8] août
    [9] septembre
    [10] octobre
    [11] novembre
   *[12] décembre
 } { $year }
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

## Erreurs de formulaire et refus (produits en Rust)
signin-no-match = Cette adresse e-mail ou ce numéro de téléphone et ce mot de passe ne correspondent à aucun compte. Vérifiez-les et réessayez.
signin-throttled = Trop de mots de passe erronés. Réessayez dans { $wait }, ou connectez-vous plutôt avec un code.
signin-network-throttled = Trop de connexions échouées depuis ce réseau. Réessayez dans { $wait }.
signin-too-many-accounts = Ce navigateur a déjà { $max } comptes connectés. Déconnectez-vous d’abord de l’un d’eux.
signup-too-many-accounts = { $first } Puis saisissez de nouveau le code.
signup-address-taken = Cette adresse appartient déjà à un compte, elle ne peut donc pas servir pour un nouveau. Connectez-vous plutôt.
signup-expired-title = Cette inscription a expiré
signup-expired-text = Une inscription attend son code pendant une heure. Rien n’a été créé ; recommencez et nous vous enverrons un nouveau code.
signup-start-again = Recommencer
code-enter-six = Saisissez le code à 6 chiffres reçu dans le message.
code-did-not-work-ask-again = Ce code n’a pas fonctionné. Revenez en arrière et demandez-en un nouveau.
code-did-not-work-start-again = Ce code n’a pas fonctionné. Recommencez pour en obtenir un nouveau.
form-enter-address = Saisissez une adresse e-mail ou un numéro de téléphone.
form-enter-name = Saisissez votre nom.
form-name-too-long = Utilisez au plus 100 caractères, sur une seule ligne.
form-phone-unparseable = Saisissez un numéro de téléphone avec son indicatif pays, comme +33 6 12 34 56 78, ou choisissez son pays.
form-phone-invalid = Ce n’est pas un numéro de téléphone valide.
form-email-invalid = Saisissez une adresse e-mail, comme nom@example.com.
form-email-too-long = Cette adresse e-mail est trop longue.
form-password-short = Utilisez au moins { $n } caractères.
form-password-long = Utilisez au plus { $n } caractères.
form-password-personal = N’utilisez pas votre nom, votre adresse e-mail ou votre numéro de téléphone dans votre mot de passe.
form-password-weak = Ce mot de passe est trop facile à deviner. Essayez quelques mots sans rapport entre eux.
send-sms-country = Nous ne pouvons pas encore envoyer de SMS vers ce pays.
send-sms-kind = Nous ne pouvons pas envoyer de SMS vers les { $kind }.
send-sms-refused = { $why } Utilisez une adresse e-mail ou un autre numéro.
send-resend-wait = Vous pourrez demander un nouveau code dans { $wait }.
send-resend-finished = Ce code ne peut pas être renouvelé. Recommencez pour en obtenir un nouveau.
phone-kind-mobile = numéros mobiles
phone-kind-fixed-or-mobile = numéros comme celui-ci
phone-kind-landline = lignes fixes
phone-kind-toll-free = numéros gratuits
phone-kind-premium = numéros surtaxés
phone-kind-shared-cost = numéros à coût partagé
phone-kind-personal = numéros personnels (de renvoi)
phone-kind-voip = numéros Internet (VoIP)
phone-kind-pager = bipeurs
phone-kind-company = numéros d’entreprise
phone-kind-voicemail = numéros de messagerie vocale
phone-kind-other = numéros de ce type
limit-try-again = { $reason }. Réessayez dans { $wait }.
limit-codes-network = Trop de codes ont été demandés depuis votre réseau
limit-codes-address = Trop de codes ont été envoyés à cette adresse
limit-codes-account = Trop de codes ont été envoyés pour ce compte
limit-sms-numbers = Trop de SMS ont été envoyés à des numéros comme celui-ci
limit-sms-budget = Les SMS sont indisponibles pour le moment
limit-passkeys-network = Trop de connexions par clé d’accès ont été lancées depuis ce réseau
limit-link-network = Trop de demandes d’association depuis ce réseau
limit-link-codes-account = Trop de codes essayés pour ce compte
limit-link-codes-network = Trop de codes essayés depuis ce réseau
limit-token-network = Trop de demandes de jeton échouées depuis ce réseau

## Pays du champ de numéro de téléphone
country-us = États-Unis
country-ca = Canada
country-gb = Royaume-Uni
country-ie = Irlande
country-de = Allemagne
country-at = Autriche
country-ch = Suisse
country-fr = France
country-be = Belgique
country-nl = Pays-Bas
country-es = Espagne
country-pt = Portugal
country-it = Italie
country-pl = Pologne
country-se = Suède
country-au = Australie
country-nz = Nouvelle-Zélande
country-in = Inde

## Réinitialiser le mot de passe
reset-title = Réinitialiser votre mot de passe
reset-lead = Saisissez une adresse e-mail ou un numéro de téléphone de votre compte. S’il en fait partie, nous y enverrons un code.
reset-send-code = Envoyer le code
reset-back = Retour à la connexion
reset-new-title = Choisir un nouveau mot de passe
reset-new-lead = Tous les appareils connectés à votre compte seront déconnectés.
reset-new-password = Nouveau mot de passe
reset-change = Changer le mot de passe
reset-expired = Cette réinitialisation a expiré ou a déjà été utilisée. Recommencez pour obtenir un nouveau code.
reset-used = Cette réinitialisation a déjà été utilisée. Recommencez pour obtenir un nouveau code.
reset-done-title = Mot de passe changé
reset-done-heading = Votre mot de passe a été changé
reset-done-text = Tous les appareils qui étaient connectés à votre compte ont été déconnectés, et nous avons prévenu vos adresses.

## Confirmer que c’est vous
reauth-title = Confirmez que c’est vous
reauth-password-lead = Il s’agit d’une modification sensible. Saisissez le mot de passe de { $alias } pour continuer ; il ne vous sera plus demandé pendant 10 minutes.
reauth-code-lead-send = Il s’agit d’une modification sensible. Nous enverrons un code à { $destination } pour continuer ; il ne vous sera plus demandé pendant 10 minutes.
reauth-code-lead-sent = Il s’agit d’une modification sensible. Saisissez le code envoyé à { $destination } pour continuer ; il ne vous sera plus demandé pendant 10 minutes.
reauth-provider-lead = Il s’agit d’une modification sensible. Reconnectez-vous avec le compte associé ici pour continuer.
reauth-passkey = Confirmer avec une clé d’accès
reauth-or = Ou :
reauth-confirm = Confirmer
reauth-with-provider = Confirmer avec { $provider }
reauth-cancel = Annuler
reauth-throttled = Trop de mots de passe erronés. Réessayez dans { $wait }.
reauth-no-password = Ce compte n’a pas de mot de passe. Déconnectez-vous, puis reconnectez-vous avec un code pour confirmer que c’est vous.
reauth-wrong-password = Ce mot de passe n’est pas correct. Réessayez.
reauth-code-expired = Ce code a expiré. Envoyez-en un nouveau.
reauth-code-used = Ce code ne peut plus être utilisé. Envoyez-en un nouveau.
reauth-no-address = Ce compte n’a aucune adresse vérifiée à laquelle envoyer un code.
