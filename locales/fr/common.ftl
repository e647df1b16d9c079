# Ce que partagent de nombreuses pages : le menu du compte, l’accueil, les pages d’erreur, la page du code.

## Le menu du compte
menu-open = { $alias } : ouvrir le menu du compte
menu-account = Votre compte
menu-security = Sécurité
menu-activity = Activité récente
menu-devices = Appareils
menu-licenses = Licences
menu-apps = Applications et services
menu-privacy = Confidentialité
menu-link = Associer un PC
menu-other-accounts = Autres comptes
menu-signed-out = Déconnecté : reconnectez-vous
menu-another = Se connecter avec un autre compte
menu-sign-out = Se déconnecter
menu-sign-out-all = Se déconnecter de tous les comptes

## L’accueil du compte
home-hello = Bonjour, { $name }
home-signed-in-with = Vous êtes connecté avec { $alias }.
home-info-text = Votre nom, ainsi que les adresses e-mail et numéros de téléphone avec lesquels vous vous connectez.
home-security-text = Où vous êtes connecté, votre mot de passe et ce qui s’est passé sur votre compte :
home-devices-text = Les PC associés à votre compte et leurs licences :

## Un formulaire d’un compte qui n’est plus connecté
signed-out-title = Rien n’a été modifié
signed-out-named = { $name } n’est plus connecté dans ce navigateur, ce formulaire n’a donc pas été envoyé. Reconnectez-vous, puis réessayez.
signed-out-unnamed = Ce formulaire appartient à un compte qui n’est plus connecté dans ce navigateur (il a été déconnecté, peut-être dans un autre onglet), il n’a donc pas été envoyé.
signed-out-sign-in = Se reconnecter

## Pages d’erreur
error-status = Erreur { $status }
error-home = Aller à l’accueil
error-request-id = Identifiant de la requête :
error-not-found = Page introuvable
error-not-found-text = Il n’y a rien à cette adresse. Vérifiez le lien, ou recommencez depuis l’accueil.
error-unauthorized = Vous n’êtes pas connecté à ce compte
error-unauthorized-text = Il a peut-être été déconnecté, ou sa session a expiré. Reconnectez-vous pour continuer.
error-forbidden = Cette requête a été refusée
error-forbidden-text = Le formulaire a peut-être expiré ou provient d’un autre site. Revenez en arrière, rechargez la page et réessayez.
error-method = Cette action n’est pas disponible ici
error-method-text = Cette adresse n’accepte pas ce type de requête. Revenez en arrière et réessayez depuis la page.
error-timeout = Cela a pris trop de temps
error-timeout-text = La requête ne s’est pas terminée à temps. Veuillez réessayer.
error-too-large = C’était trop volumineux
error-too-large-text = Le formulaire ou le fichier envoyé dépasse ce que nous acceptons.
error-unavailable = Portico est injoignable pour le moment
error-unavailable-text = Réessayez dans un instant. Ce que vous venez d’envoyer n’a pas eu lieu et rien n’a été modifié : revenez en arrière pour garder ce que vous avez saisi, puis renvoyez-le.
error-server = Un problème est survenu de notre côté
error-server-text = Nous n’avons pas pu terminer votre requête. Vous n’y êtes pour rien ; veuillez réessayer dans un instant.
error-other = Nous n’avons pas pu traiter cette requête
error-other-text = Revenez en arrière et réessayez. Si cela se reproduit, contactez l’assistance avec l’identifiant de requête ci-dessous.

## La page du code
code-title = Saisissez votre code
code-sent-by-email = Nous avons envoyé un code par e-mail à { $destination } le { $at }.
code-sent-by-text = Nous avons envoyé un code par SMS au { $destination } le { $at }.
code-valid-until = Il fonctionne une fois, jusqu’au { $until } : si vous l’avez demandé plusieurs fois, c’est toujours le même code à saisir.
code-expired = Il a expiré : demandez-en un nouveau ci-dessous.
code-label = Code
code-resend = Envoyer un nouveau code
code-resend-in = { $n ->
    [one] disponible dans 1 seconde
   *[other] disponible dans { $n } secondes
}
code-resent = Nous avons envoyé un nouveau code à { $destination }.
code-wrong = { $n ->
    [one] Ce code n’a pas fonctionné. Vérifiez-le et réessayez (encore 1 essai).
   *[other] Ce code n’a pas fonctionné. Vérifiez-le et réessayez (encore { $n } essais).
}
code-expired-error = Ce code a expiré. Demandez-en un nouveau ci-dessous.
code-used-up = Ce code ne peut plus être utilisé. Recommencez pour en obtenir un nouveau.
code-submit-sign-in = Se connecter
code-submit-sign-up = Créer le compte
code-submit-continue = Continuer
code-submit-verify = Vérifier
code-other-password = Utiliser plutôt votre mot de passe
code-other-address = Utiliser une autre adresse

## Un navigateur tel qu’on le reconnaît
browser-on = { $browser } sous { $os }
browser-unknown = Navigateur inconnu
